namespace SagaBridge.Activities.Workflows;

/// <summary>One page of a list of executions, newest first.</summary>
/// <param name="Executions">The executions on this page; null when the page is empty.</param>
/// <param name="NextPageToken">Token of the next page; null or empty on the last page.</param>
public sealed record WorkflowExecutionPage(
    IReadOnlyList<WorkflowExecution>? Executions,
    string? NextPageToken);
