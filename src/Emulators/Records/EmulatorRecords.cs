namespace SagaBridge.Emulators.Records;

/// <summary>
/// What the emulator has seen, as snapshots in creation order. Thread-safe; every property reads
/// a fresh snapshot.
/// </summary>
public sealed class EmulatorRecords
{
    private readonly EmulatorStore store;
    private readonly Func<IReadOnlyList<DeliveredEventRecord>> deliveredEvents;

    internal EmulatorRecords(
        EmulatorStore store,
        Func<IReadOnlyList<DeliveredEventRecord>> deliveredEvents)
    {
        this.store = store;
        this.deliveredEvents = deliveredEvents;
    }

    /// <summary>Every workflow execution created, oldest first.</summary>
    public IReadOnlyList<WorkflowExecutionRecord> WorkflowExecutions
    {
        get
        {
            lock (store.Gate)
            {
                return [.. store.Executions.Select(e => e.ToRecord())];
            }
        }
    }

    /// <summary>
    /// Every Dataflow job launched (validate-only launches excluded), oldest first.
    /// </summary>
    public IReadOnlyList<DataflowJobRecord> DataflowJobs
    {
        get
        {
            lock (store.Gate)
            {
                return [.. store.DataflowJobs.Select(j => j.ToRecord())];
            }
        }
    }

    /// <summary>
    /// Every Azure ML job created (a repeated PUT does not add one), oldest first.
    /// </summary>
    public IReadOnlyList<AzureMlJobRecord> AzureMlJobs
    {
        get
        {
            lock (store.Gate)
            {
                return [.. store.AzureMlJobs.Values.OrderBy(j => j.Sequence)
                    .Select(j => j.ToRecord())];
            }
        }
    }

    /// <summary>Events posted to the Event Grid endpoint, in delivery order.</summary>
    public IReadOnlyList<DeliveredEventRecord> DeliveredEvents => deliveredEvents();

    /// <summary>Creates that took effect and were answered.</summary>
    public int CreatesAnswered
    {
        get
        {
            lock (store.Gate)
            {
                return store.CreatesAnswered;
            }
        }
    }

    /// <summary>Creates that took effect but whose answer was dropped, as scripted.</summary>
    public int CreatesLost
    {
        get
        {
            lock (store.Gate)
            {
                return store.CreatesLost;
            }
        }
    }

    /// <summary>
    /// Number of objects created for a target (<c>workflow:{id}</c>, <c>dataflow:{template}</c>,
    /// <c>azureml:{experiment}</c>), answered or not.
    /// </summary>
    public int CreatedCount(string target)
    {
        lock (store.Gate)
        {
            return store.CreatedCount(target);
        }
    }

    /// <summary>Number of objects created per target, answered or not.</summary>
    public IReadOnlyDictionary<string, int> CreatedCounts
    {
        get
        {
            lock (store.Gate)
            {
                return store.CreatedCounts();
            }
        }
    }
}
