namespace SagaBridge.Transactions.Saga;

/// <summary>
/// The input of a transaction orchestration. The definition travels as a snapshot, so editing
/// the definition file later never changes a transaction in flight.
/// </summary>
/// <param name="DefinitionJson">
/// The definition's JSON text as it was when the transaction started.
/// </param>
/// <param name="InputJson">The transaction input as JSON, or null.</param>
/// <param name="StartedBy">Who started it ("api", "schedule:nightly", ...), for display.</param>
public sealed record TransactionStart(string DefinitionJson, string? InputJson, string StartedBy);
