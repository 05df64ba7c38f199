namespace SagaBridge.Transactions.Saga;

/// <summary>Where a transaction stands.</summary>
public enum TransactionState
{
    /// <summary>Steps are running.</summary>
    Running,

    /// <summary>A step failed or an operator cancelled; completed steps are being undone.</summary>
    RollingBack,

    /// <summary>
    /// A compensation kept failing; waiting durably for an operator's retry or skip.
    /// </summary>
    RollbackFailed,

    /// <summary>
    /// A step after the pivot kept failing; waiting for an operator's retry or skip.
    /// </summary>
    CommitFailed,

    /// <summary>
    /// Final: every step succeeded (or was skipped by an operator after the pivot).
    /// </summary>
    Committed,

    /// <summary>Final: a step failed and every step that took effect was compensated.</summary>
    RolledBack,

    /// <summary>
    /// Final: an operator cancelled and every step that took effect was compensated.
    /// </summary>
    Cancelled,

    /// <summary>
    /// Final: the transaction could not run at all (for example an unusable snapshot).
    /// </summary>
    Failed,
}
