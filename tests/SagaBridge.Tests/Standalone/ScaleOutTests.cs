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
        var ids = Enumerable.Range(0, 8).Select(n => $"failover-{n}").ToList();
        foreach (var id in ids)
        {
            await first.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(TimedStepsOrchestrator),
                20,
                new StartOrchestrationOptions(id));
        }

        // Until the second worker joins, the first one owns every partition, so each of these
        // orchestrations is the first worker's when it sleeps on its timer.
        foreach (var id in ids)
        {
            await WaitForCustomStatusAsync(first.Client, id, TimedStepsOrchestrator.Sleeping);
        }

        await using var second = await engines.StartAsync(EngineKind.AzureStorage, "worker-b");
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
        Assert.All(ids, id => Assert.Equal(1, engines.Ledger.CountOf($"{id}/before")));
        Assert.All(ids, id => Assert.Equal(1, engines.Ledger.CountOf($"{id}/after")));
    }

    [Fact]
    public async Task ConcurrentStartsOfOneIdFromTwoProcessesRunOneOrchestration()
    {
        await using var first = await engines.StartAsync(EngineKind.AzureStorage, "worker-a");
        await using var second = await engines.StartAsync(EngineKind.AzureStorage, "worker-b");
        var id = "race-" + Guid.NewGuid().ToString("N");

        var attempts = Enumerable.Range(0, 40).Select(async n =>
        {
            var client = n % 2 == 0 ? first.Client : second.Client;
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(GatedStepsOrchestrator),
                    $"attempt {n}",
                    new StartOrchestrationOptions(id));
            }
            catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
            {
                // Refused starts are expected; what matters is what ran.
            }
        });
        await Task.WhenAll(attempts);
        await first.Client.WaitForInstanceStartAsync(id, false, EngineBehaviourTests.Timeout());
        await WaitForCustomStatusAsync(first.Client, id, GatedStepsOrchestrator.Waiting);
        await first.Client.RaiseEventAsync(id, GatedStepsOrchestrator.EventName, "go");
        var done = await first.Client.WaitForInstanceCompletionAsync(
            id,
            true,
            EngineBehaviourTests.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, engines.Ledger.CountOf($"{id}/before"));
        Assert.Equal(1, engines.Ledger.CountOf($"{id}/after"));
    }

    private static async Task WaitForCustomStatusAsync(
        DurableTaskClient client,
        string id,
        string status)
    {
        var cancellation = EngineBehaviourTests.Timeout();
        while (true)
        {
            var instance = await client.GetInstanceAsync(id, true, cancellation);
            if (instance?.ReadCustomStatusAs<string>() == status)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }
    }
}
