namespace SagaBridge.Activities.Dataflow;

/// <summary>One page of job summaries.</summary>
/// <param name="Jobs">The jobs on this page; null when empty.</param>
/// <param name="NextPageToken">Token of the next page; null or empty on the last page.</param>
public sealed record DataflowJobPage(IReadOnlyList<DataflowJob>? Jobs, string? NextPageToken);
