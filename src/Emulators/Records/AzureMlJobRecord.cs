namespace SagaBridge.Emulators.Records;

/// <summary>An Azure ML job as the emulator holds it at the time of the snapshot.</summary>
/// <param name="Sequence">Creation order across every kind of remote work.</param>
/// <param name="Name">The job name chosen by the client.</param>
/// <param name="ExperimentName">The experiment (Default when the request named none).</param>
/// <param name="Status">The job status, for example Running or Completed.</param>
/// <param name="Created">When the first PUT took effect.</param>
/// <param name="CancelRequested">When the first cancel arrived, if one did.</param>
public sealed record AzureMlJobRecord(
    long Sequence,
    string Name,
    string ExperimentName,
    string Status,
    DateTimeOffset Created,
    DateTimeOffset? CancelRequested);
