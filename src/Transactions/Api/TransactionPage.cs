namespace SagaBridge.Transactions.Api;

/// <summary>One page of the transaction list.</summary>
/// <param name="Items">The transactions on this page, newest first.</param>
/// <param name="ContinuationToken">Pass it back for the next page; null on the last page.</param>
public sealed record TransactionPage(
    IReadOnlyList<TransactionView> Items,
    string? ContinuationToken);
