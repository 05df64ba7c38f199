namespace SagaBridge.Transactions.Definitions;

/// <summary>How remote work that is still running is stopped on cancel or rollback.</summary>
public enum StopMode
{
    /// <summary>Cancel the remote work at once; partial output may be left behind.</summary>
    Cancel,

    /// <summary>
    /// Let a Dataflow job finish the elements it has already read, then stop. Only Dataflow
    /// kinds can drain.
    /// </summary>
    Drain,
}
