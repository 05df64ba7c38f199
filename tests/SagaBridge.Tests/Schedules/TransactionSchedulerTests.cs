using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Tests.Saga;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;
using SagaBridge.Transactions.Schedules;

namespace SagaBridge.Tests.Schedules;

public sealed class TransactionSchedulerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2026, 3, 2, 10, 0, 30, TimeSpan.Zero);

    private SagaHost host = null!;

    public async Task InitializeAsync()
    {
        var definition = DefinitionLoader.Load(
            TestDefinitions.Chain("retrain", "train").ToJsonString());
        host = await SagaHost.StartAsync(DefinitionCatalog.Of(definition));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task AnOccurrenceFiredTwiceAndConcurrentlyStartsOneTransaction()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var scheduler = Scheduler(OverlapPolicy.Skip);

        var concurrent = await Task.WhenAll(
            scheduler.RunDueAsync(TenOClock),
            scheduler.RunDueAsync(TenOClock.AddSeconds(5)));
        var again = await scheduler.RunDueAsync(TenOClock.AddSeconds(40));

        var all = concurrent.SelectMany(r => r).Concat(again).ToList();
        Assert.All(all, r => Assert.Equal("every5-20260302T1000Z", r.TransactionId));
        Assert.Contains(all, r => r.Outcome == OccurrenceOutcome.Started);
        Assert.Equal(OccurrenceOutcome.AlreadyStarted, Assert.Single(again).Outcome);
        Assert.Equal(["every5-20260302T1000Z"], await TransactionsAsync());
        await RunningAsync("every5-20260302T1000Z");
        Assert.Single(host.Emulator.Records.WorkflowExecutions);
    }

    [Fact]
    public async Task SkipLeavesTheNextOccurrenceUnstartedWhileThePreviousRuns()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var scheduler = Scheduler(OverlapPolicy.Skip);
        await scheduler.RunDueAsync(TenOClock);
        await RunningAsync("every5-20260302T1000Z");

        var next = Assert.Single(await scheduler.RunDueAsync(TenOClock.AddMinutes(5)));

        Assert.Equal(OccurrenceOutcome.SkippedOverlap, next.Outcome);
        Assert.Equal(["every5-20260302T1000Z"], await TransactionsAsync());
    }

    [Fact]
    public async Task AllowStartsTheNextOccurrenceNextToTheRunningOne()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var scheduler = Scheduler(OverlapPolicy.Allow);
        await scheduler.RunDueAsync(TenOClock);
        await RunningAsync("every5-20260302T1000Z");

        var next = Assert.Single(await scheduler.RunDueAsync(TenOClock.AddMinutes(5)));
        await RunningAsync("every5-20260302T1005Z");

        Assert.Equal(OccurrenceOutcome.Started, next.Outcome);
        Assert.Equal(
            ["every5-20260302T1000Z", "every5-20260302T1005Z"],
            await TransactionsAsync(OrchestrationRuntimeStatus.Running));
    }

    [Fact]
    public async Task CancelPreviousCancelsTheRunningOccurrenceAndStartsTheNext()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var scheduler = Scheduler(OverlapPolicy.CancelPrevious);
        await scheduler.RunDueAsync(TenOClock);
        await RunningAsync("every5-20260302T1000Z");

        var next = Assert.Single(await scheduler.RunDueAsync(TenOClock.AddMinutes(5)));
        var previous = await host.WaitAsync("every5-20260302T1000Z");

        Assert.Equal(OccurrenceOutcome.Started, next.Outcome);
        Assert.Equal(TransactionState.Cancelled, previous.State);
        Assert.Contains("every5-20260302T1005Z", previous.Reason);
        var current = await host.Client.GetInstanceAsync("every5-20260302T1005Z");
        Assert.NotNull(current);
    }

    [Fact]
    public async Task AScheduleOfAnUnknownDefinitionFailsWithoutStopping()
    {
        var schedules = ScheduleCatalog.Of(
            new Schedule("ghost", "*/5 * * * *", TimeZoneInfo.Utc, "missing", null,
                OverlapPolicy.Allow, TimeSpan.FromHours(1)),
            Every5(OverlapPolicy.Allow));
        var scheduler = new TransactionScheduler(host.Client, host.Api.Catalog, schedules);

        var results = await scheduler.RunDueAsync(TenOClock);

        Assert.Equal(OccurrenceOutcome.Failed, results[0].Outcome);
        Assert.Contains("missing", results[0].Detail);
        Assert.Equal(OccurrenceOutcome.Started, results[1].Outcome);
    }

    private Task<TransactionReport> RunningAsync(string id) =>
        host.WaitUntilAsync(id, r => r.Steps[0].State == StepState.Running);

    private TransactionScheduler Scheduler(OverlapPolicy overlap) =>
        new(host.Client, host.Api.Catalog, ScheduleCatalog.Of(Every5(overlap)));

    private static Schedule Every5(OverlapPolicy overlap) =>
        new("every5", "*/5 * * * *", TimeZoneInfo.Utc, "retrain", new JsonObject(), overlap,
            TimeSpan.FromHours(1));

    private async Task<List<string>> TransactionsAsync(params OrchestrationRuntimeStatus[] statuses)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = "every5-",
            Statuses = statuses.Length == 0 ? null : statuses,
        };
        var ids = new List<string>();
        await foreach (var instance in host.Client.GetAllInstancesAsync(query))
        {
            if (!StepInstanceId.IsStep(instance.InstanceId))
            {
                ids.Add(instance.InstanceId);
            }
        }

        ids.Sort(StringComparer.Ordinal);

        return ids;
    }
}
