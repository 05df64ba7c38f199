using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SagaBridge.Tests.Standalone.Tasks;

namespace SagaBridge.Tests.Standalone;

/// <summary>Several engine processes on one Azure Storage task hub.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScaleOutTests(AzuriteFixture azurite)
{
    private readonly TestEngines engines = new(azurite);

    [Fact]
    public async Task WhenOneWorkerStopsMidFlightTheOtherFinishesAllItsOrchestrations()
    {
        var first = await engines.StartAsync(EngineKind.AzureStorage, "worker-a");
        await using var second = await engines.StartAsync(EngineKind.AzureStorage, "worker-b");
        var ids = Enumerable.Range(0, 8).Select(n => $"failover-{n}").ToList();
        foreach (var id in ids)
        {
            await first.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(TimedStepsOrchestrator),
                20,
                new StartOrchestrationOptions(id));
        }

        foreach (var id in ids)
        {
            await WaitUntilAsync(() => engines.Ledger.CountOf($"{id}/before") > 0);
        }

        await first.StopAsync(forced: true);
        var finished = new List<OrchestrationMetadata>();
        foreach (var id in ids)
        {
            finished.Add(await second.Client.WaitForInstanceCompletionAsync(
                id,
                true,
                EngineBehaviourTests.Timeout()));
        }

        Assert.All(finished, done =>
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("before-after", done.ReadOutputAs<string>());
        });
        Assert.All(ids, id => Assert.True(engines.Ledger.CountOf($"{id}/after") >= 1));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var cancellation = EngineBehaviourTests.Timeout();
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }
    }
}
