namespace SagaBridge.Activities.Remote;

/// <summary>One reading of remote work's status.</summary>
/// <param name="State">The reduced state.</param>
/// <param name="RemoteState">The cloud's own state name, for display.</param>
/// <param name="OutputJson">The result as JSON when it succeeded and has one.</param>
/// <param name="Error">What went wrong, when it failed.</param>
public sealed record RemoteWorkStatus(
    RemoteWorkState State,
    string RemoteState,
    string? OutputJson = null,
    string? Error = null)
{
    public bool IsFinished => State != RemoteWorkState.Running;
}
