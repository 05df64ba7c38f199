using SagaBridge.Transactions.Schedules;

namespace SagaBridge.Tests.Schedules;

public sealed class ScheduleCatalogTests
{
    [Fact]
    public void AScheduleWithOnlyTheRequiredFieldsRunsInUtcSkipsOverlapsAndCatchesUpAnHour()
    {
        var catalog = ScheduleCatalog.Parse("""
            {"schedules": [{"name": "nightly", "cron": "0 2 * * *", "definition": "retrain"}]}
            """);

        var schedule = Assert.Single(catalog.Schedules);
        Assert.Equal(TimeZoneInfo.Utc, schedule.TimeZone);
        Assert.Equal(OverlapPolicy.Skip, schedule.Overlap);
        Assert.Equal(TimeSpan.FromHours(1), schedule.CatchUpWindow);
        Assert.Null(schedule.Input);
    }

    [Fact]
    public void EveryInvalidFieldIsNamedWithItsPath()
    {
        var problem = Assert.Throws<InvalidScheduleException>(() => ScheduleCatalog.Parse("""
            {"schedules": [
              {"name": "Bad Name", "cron": "every day", "definition": "d",
               "timeZone": "Mars/Olympus", "overlap": "queue", "catchUpWindow": "5x", "extra": 1},
              {"cron": "* * * * *"}
            ]}
            """));

        AssertNamed(problem, "$.schedules[0].name");
        AssertNamed(problem, "$.schedules[0].cron");
        AssertNamed(problem, "$.schedules[0].timeZone");
        AssertNamed(problem, "$.schedules[0].overlap");
        AssertNamed(problem, "$.schedules[0].catchUpWindow");
        AssertNamed(problem, "$.schedules[0].extra");
        AssertNamed(problem, "$.schedules[1].name");
        AssertNamed(problem, "$.schedules[1].definition");
    }

    [Fact]
    public void TwoSchedulesWithOneNameAreRefused()
    {
        var problem = Assert.Throws<InvalidScheduleException>(() => ScheduleCatalog.Parse("""
            {"schedules": [
              {"name": "a", "cron": "* * * * *", "definition": "d"},
              {"name": "a", "cron": "0 * * * *", "definition": "d"}
            ]}
            """));

        Assert.Contains(problem.Problems, p => p.Contains("used twice", StringComparison.Ordinal));
    }

    [Fact]
    public void AfterDowntimeOnlyTheLatestOccurrenceWithinTheWindowIsDue()
    {
        var schedule = Every5Minutes(TimeSpan.FromHours(1));

        var due = schedule.DueAt(At("2026-03-02T10:17:40Z"));

        Assert.Equal(At("2026-03-02T10:15:00Z"), due);
        Assert.Equal("every5-20260302T1015Z", schedule.TransactionIdFor(due!.Value));
    }

    [Fact]
    public void AnOccurrenceOlderThanTheWindowIsNeverDue()
    {
        var schedule = Every5Minutes(TimeSpan.FromMinutes(1));

        Assert.Null(schedule.DueAt(At("2026-03-02T10:17:40Z")));
        Assert.Equal(At("2026-03-02T10:15:00Z"), schedule.DueAt(At("2026-03-02T10:15:59Z")));
    }

    [Fact]
    public void TheCronIsReadInTheSchedulesTimeZoneAndTheIdIsInUtc()
    {
        var catalog = ScheduleCatalog.Parse("""
            {"schedules": [{"name": "amsterdam", "cron": "0 2 * * *",
              "timeZone": "Europe/Amsterdam", "definition": "d"}]}
            """);
        var schedule = catalog.Schedules[0];

        var winter = schedule.DueAt(At("2026-01-15T01:30:00Z"));
        var summer = schedule.DueAt(At("2026-07-15T00:30:00Z"));

        Assert.Equal(At("2026-01-15T01:00:00Z"), winter);
        Assert.Equal(At("2026-07-15T00:00:00Z"), summer);
        Assert.Equal("amsterdam-20260115T0100Z", schedule.TransactionIdFor(winter!.Value));
    }

    private static void AssertNamed(InvalidScheduleException problem, string path) =>
        Assert.Contains(problem.Problems, p => p.StartsWith(path, StringComparison.Ordinal));

    private static Schedule Every5Minutes(TimeSpan window) =>
        new("every5", "*/5 * * * *", TimeZoneInfo.Utc, "d", null, OverlapPolicy.Skip, window);

    private static DateTimeOffset At(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
