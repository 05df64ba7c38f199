using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;

namespace SagaBridge.Transactions.Schedules;

/// <summary>
/// A timer that starts a definition. Each occurrence gets the transaction id
/// <c>{Name}-{yyyyMMddTHHmm}Z</c> (the occurrence in UTC), so however often an occurrence is
/// fired, and by however many hosts, it starts one transaction.
/// </summary>
/// <param name="Name">Lower-case letters, digits and '-', at most 50 characters.</param>
/// <param name="Cron">Five-field cron: minute hour day-of-month month day-of-week.</param>
/// <param name="TimeZone">The zone the expression is read in.</param>
/// <param name="Definition">Name of the definition to start.</param>
/// <param name="Input">The transaction input, or null.</param>
/// <param name="Overlap">What to do while an earlier occurrence still runs.</param>
/// <param name="CatchUpWindow">How far back a missed occurrence is still started.</param>
public sealed record Schedule(
    string Name,
    string Cron,
    TimeZoneInfo TimeZone,
    string Definition,
    JsonNode? Input,
    OverlapPolicy Overlap,
    TimeSpan CatchUpWindow)
{
    /// <summary>The catch-up window when a schedule names none.</summary>
    public static readonly TimeSpan DefaultCatchUpWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// The occurrence to start at <paramref name="now"/>: the latest one in
    /// (<paramref name="now"/> − <see cref="CatchUpWindow"/>, <paramref name="now"/>], or
    /// null. Older missed occurrences are never started.
    /// </summary>
    public DateTimeOffset? DueAt(DateTimeOffset now)
    {
        var from = now.UtcDateTime - CatchUpWindow;

        return CronExpression.Parse(Cron, CronFormat.Standard)
            .GetOccurrences(
                from,
                now.UtcDateTime,
                TimeZone,
                fromInclusive: false,
                toInclusive: true)
            .Select(o => (DateTimeOffset?)new DateTimeOffset(o, TimeSpan.Zero))
            .LastOrDefault();
    }

    /// <summary>The transaction id of the occurrence at <paramref name="occurrence"/>.</summary>
    public string TransactionIdFor(DateTimeOffset occurrence) =>
        Name + "-"
        + occurrence.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture)
        + "Z";
}
