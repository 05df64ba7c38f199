namespace SagaBridge.Activities.Remote;

/// <summary>Asks for the status of started remote work.</summary>
/// <param name="TransactionId">The transaction, for logs.</param>
/// <param name="StepId">The step, for logs.</param>
/// <param name="Handle">The work to read.</param>
public sealed record RemoteStatusRequest(
    string TransactionId,
    string StepId,
    RemoteWorkHandle Handle);
