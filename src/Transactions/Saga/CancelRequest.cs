namespace SagaBridge.Transactions.Saga;

/// <summary>The payload of an operator's cancel, raised to the transaction.</summary>
/// <param name="Reason">Why, as the operator gave it.</param>
public sealed record CancelRequest(string? Reason);
