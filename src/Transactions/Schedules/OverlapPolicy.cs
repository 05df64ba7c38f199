namespace SagaBridge.Transactions.Schedules;

/// <summary>What a schedule does while an earlier occurrence's transaction still runs.</summary>
public enum OverlapPolicy
{
    /// <summary>The new occurrence is not started (it is not retried later either).</summary>
    Skip,

    /// <summary>The new occurrence starts next to the running one.</summary>
    Allow,

    /// <summary>The running ones are cancelled (and roll back); the new one starts.</summary>
    CancelPrevious,
}
