namespace SagaBridge.Activities.Remote;

/// <summary>Asks for started remote work to be stopped.</summary>
/// <param name="TransactionId">The transaction, for logs.</param>
/// <param name="StepId">The step, for logs.</param>
/// <param name="Handle">The work to stop.</param>
/// <param name="Drain">Drain instead of cancel where the kind supports it.</param>
public sealed record RemoteStopRequest(
    string TransactionId,
    string StepId,
    RemoteWorkHandle Handle,
    bool Drain);
