namespace SagaBridge.Activities.Workflows;

/// <summary>An execution's <c>stateError</c>: why its state is UNAVAILABLE.</summary>
public sealed record WorkflowStateError(string? Details = null, string? Type = null);
