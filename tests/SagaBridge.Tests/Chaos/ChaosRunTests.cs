using SagaBridge.Cli.Chaos;

namespace SagaBridge.Tests.Chaos;

/// <summary>
/// The chaos controller end to end: Azurite and the emulators in this process, the engine in a
/// child process that is killed with SIGKILL and restarted.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ChaosRunTests
{
    private const int Seed = 11;

    [Fact]
    public async Task TransactionsSurviveKilledWorkersWithNothingLostDuplicatedOrUndoneWrongly()
    {
        var output = new StringWriter();
        var settings = new ChaosSettings { Kills = 3, Seed = Seed, InFlight = 4 };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var tally = await ChaosRun.RunAsync(settings, output, timeout.Token);

        Assert.True(tally.Passed, tally.SummaryLine + Environment.NewLine + output);
        Assert.Equal(3, tally.Kills);
        Assert.True(tally.Transactions >= settings.InFlight, tally.SummaryLine);
        Assert.Equal(tally.Transactions, tally.Committed + tally.RolledBack);
        Assert.True(tally.Cancelled >= 1, tally.SummaryLine);
    }

    [Fact]
    public void TheSeedOfTheEndToEndRunPlansEveryOutcomeAmongItsFirstTransactions()
    {
        var scenario = new ChaosScenario(Seed, "plan");

        var outcomes = Enumerable.Range(0, 4).Select(_ => scenario.Next().Transaction.Outcome);

        Assert.Equal(
            [ChaosOutcome.Commit, ChaosOutcome.Fail, ChaosOutcome.Cancel],
            outcomes.Distinct().Order());
    }
}
