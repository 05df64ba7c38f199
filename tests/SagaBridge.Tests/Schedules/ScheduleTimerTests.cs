using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.FunctionApp.Schedules;
using SagaBridge.Tests.Saga;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;
using SagaBridge.Transactions.Schedules;

namespace SagaBridge.Tests.Schedules;

/// <summary>The Function App's timer trigger, called as the Functions host would.</summary>
public sealed class ScheduleTimerTests : IAsyncLifetime
{
    private SagaHost host = null!;

    public async Task InitializeAsync()
    {
        var definition = DefinitionLoader.Load(
            TestDefinitions.Chain("hourly-report", "report").ToJsonString());
        host = await SagaHost.StartAsync(DefinitionCatalog.Of(definition));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EachTimerFireStartsTheDueOccurrenceOnceUnderItsOccurrenceId()
    {
        var schedules = ScheduleCatalog.Parse("""
            {"schedules": [{"name": "hourly", "cron": "0 * * * *",
              "definition": "hourly-report", "overlap": "allow"}]}
            """);
        var clock = new FixedClock(new DateTimeOffset(2026, 5, 4, 13, 0, 10, TimeSpan.Zero));
        var timer = new ScheduleTimer(
            host.Api.Catalog,
            schedules,
            clock,
            NullLogger<TransactionScheduler>.Instance);

        await timer.Run(new TimerInfo(), host.Client, CancellationToken.None);
        clock.Now = clock.Now.AddMinutes(1);
        await timer.Run(new TimerInfo(), host.Client, CancellationToken.None);
        var report = await host.WaitAsync("hourly-20260504T1300Z");

        Assert.Equal(TransactionState.Committed, report.State);
        Assert.Equal("schedule:hourly", report.StartedBy);
        Assert.Single(host.Emulator.Records.WorkflowExecutions, e => e.Workflow == "wf-report");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
