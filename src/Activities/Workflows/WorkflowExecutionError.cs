namespace SagaBridge.Activities.Workflows;

/// <summary>An execution's <c>error</c>: the raised payload and where it was raised.</summary>
/// <param name="Payload">The error as the workflow raised it, often JSON text.</param>
/// <param name="Context">Human-readable location and cause.</param>
public sealed record WorkflowExecutionError(string? Payload = null, string? Context = null);
