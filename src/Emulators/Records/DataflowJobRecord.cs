namespace SagaBridge.Emulators.Records;

/// <summary>A Dataflow job as the emulator holds it at the time of the snapshot.</summary>
/// <param name="Sequence">Creation order across every kind of remote work.</param>
/// <param name="Template">The containerSpecGcsPath (flex) or gcsPath (classic) launched.</param>
/// <param name="Name">The job name.</param>
/// <param name="Id">The job id chosen by the emulator.</param>
/// <param name="State">The current state, for example JOB_STATE_RUNNING.</param>
/// <param name="RequestedStates">Every requestedState sent with an update, in order.</param>
/// <param name="CreatedAt">When the launch took effect.</param>
public sealed record DataflowJobRecord(
    long Sequence,
    string Template,
    string Name,
    string Id,
    string State,
    IReadOnlyList<string> RequestedStates,
    DateTimeOffset CreatedAt);
