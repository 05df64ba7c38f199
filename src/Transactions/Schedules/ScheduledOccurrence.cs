namespace SagaBridge.Transactions.Schedules;

/// <summary>One due occurrence and what became of it.</summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="OccurrenceUtc">The occurrence time, in UTC.</param>
/// <param name="TransactionId">Its transaction id, <c>{schedule}-{yyyyMMddTHHmm}Z</c>.</param>
/// <param name="Outcome">Whether it was started.</param>
/// <param name="Detail">Why it was not, or which transactions it cancelled.</param>
public sealed record ScheduledOccurrence(
    string Schedule,
    DateTimeOffset OccurrenceUtc,
    string TransactionId,
    OccurrenceOutcome Outcome,
    string? Detail = null);
