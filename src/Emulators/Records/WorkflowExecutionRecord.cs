namespace SagaBridge.Emulators.Records;

/// <summary>A workflow execution as the emulator holds it at the time of the snapshot.</summary>
/// <param name="Sequence">Creation order across every kind of remote work.</param>
/// <param name="Workflow">The workflow id (last segment of the workflow's resource name).</param>
/// <param name="Name">The full resource name of the execution.</param>
/// <param name="Labels">Labels sent with the create.</param>
/// <param name="ArgumentJson">The argument string sent with the create, if any.</param>
/// <param name="State">The execution state, for example ACTIVE or SUCCEEDED.</param>
/// <param name="CreatedAt">When the create took effect.</param>
/// <param name="CancelledAt">When a cancel took effect, if one did.</param>
public sealed record WorkflowExecutionRecord(
    long Sequence,
    string Workflow,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    string? ArgumentJson,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt);
