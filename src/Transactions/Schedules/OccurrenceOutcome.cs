namespace SagaBridge.Transactions.Schedules;

/// <summary>What happened to one due occurrence of a schedule.</summary>
public enum OccurrenceOutcome
{
    /// <summary>Its transaction was started now.</summary>
    Started,

    /// <summary>Its transaction already existed (a double fire or another host); nothing changed.</summary>
    AlreadyStarted,

    /// <summary>An earlier occurrence still runs and the policy is <see cref="OverlapPolicy.Skip"/>.</summary>
    SkippedOverlap,

    /// <summary>The start was refused (unknown definition, invalid input); see the detail.</summary>
    Failed,
}
