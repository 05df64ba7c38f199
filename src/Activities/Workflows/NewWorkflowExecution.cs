namespace SagaBridge.Activities.Workflows;

/// <summary>The body of an execution create.</summary>
/// <param name="Argument">
/// The input as a JSON-encoded string (at most 32 KB), or null for none.
/// </param>
/// <param name="CallLogLevel">Call logging level, or null for the workflow's default.</param>
/// <param name="Labels">Execution labels; SagaBridge finds its executions again by them.</param>
public sealed record NewWorkflowExecution(
    string? Argument,
    string? CallLogLevel,
    IReadOnlyDictionary<string, string> Labels);
