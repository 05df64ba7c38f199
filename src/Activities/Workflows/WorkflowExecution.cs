namespace SagaBridge.Activities.Workflows;

/// <summary>
/// An execution as the Workflows Executions API v1 returns it (the fields SagaBridge reads).
/// </summary>
/// <param name="Name"><c>projects/{p}/locations/{l}/workflows/{w}/executions/{id}</c>.</param>
/// <param name="State">QUEUED, ACTIVE, SUCCEEDED, FAILED, CANCELLED or UNAVAILABLE.</param>
/// <param name="Argument">The input as a JSON-encoded string.</param>
/// <param name="Result">The output as a JSON-encoded string; only when SUCCEEDED.</param>
/// <param name="Error">Why it failed or was cancelled.</param>
/// <param name="StateError">Why its data is UNAVAILABLE.</param>
/// <param name="Labels">The execution's labels (absent from BASIC views).</param>
/// <param name="StartTime">RFC 3339 start time.</param>
/// <param name="EndTime">RFC 3339 end time, once finished.</param>
public sealed record WorkflowExecution(
    string Name,
    string? State = null,
    string? Argument = null,
    string? Result = null,
    WorkflowExecutionError? Error = null,
    WorkflowStateError? StateError = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    string? StartTime = null,
    string? EndTime = null);
