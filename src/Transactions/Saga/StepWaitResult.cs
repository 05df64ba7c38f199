using SagaBridge.Activities.Remote;

namespace SagaBridge.Transactions.Saga;

/// <summary>How one run of remote work ended.</summary>
/// <param name="State">Succeeded, Failed or Cancelled.</param>
/// <param name="RemoteState">The cloud's own final state name.</param>
/// <param name="OutputJson">The output, when it succeeded.</param>
/// <param name="Error">What went wrong, when it did not.</param>
/// <param name="Polls">How many status reads it took.</param>
public sealed record StepWaitResult(
    RemoteWorkState State,
    string RemoteState,
    string? OutputJson,
    string? Error,
    int Polls)
{
    public static StepWaitResult Failure(string error) =>
        new(RemoteWorkState.Failed, "NOT_STARTED", null, error, 0);
}
