namespace SagaBridge.Transactions.Schedules;

/// <summary>What happened to one due occurrence of a schedule.</summary>
public enum OccurrenceOutcome
{
    /// <summary>Its transaction was started now.</summary>
    Started,

    /// <summary>Its transaction already existed (a double fire, another host).</summary>
    AlreadyStarted,

    /// <summary>An earlier occurrence still runs under <see cref="OverlapPolicy.Skip"/>.</summary>
    SkippedOverlap,

    /// <summary>The start was refused (unknown definition, bad input); see the detail.</summary>
    Failed,
}
