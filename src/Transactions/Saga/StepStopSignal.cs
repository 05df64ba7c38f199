namespace SagaBridge.Transactions.Saga;

/// <summary>Sent by a transaction to a waiting step: stop the remote work now.</summary>
/// <param name="Drain">Drain instead of cancel, where the kind supports it.</param>
public sealed record StepStopSignal(bool Drain);
