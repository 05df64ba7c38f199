namespace SagaBridge.Transactions.Saga;

/// <summary>The payload of an operator's retry or skip, raised to the transaction.</summary>
/// <param name="Action">Retry or skip.</param>
/// <param name="Operator">Who decided, for the record.</param>
public sealed record OperatorDecision(OperatorAction Action, string? Operator = null);
