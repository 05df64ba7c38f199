using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Standalone;
using SagaBridge.Standalone.Client;
using SagaBridge.Tests.Standalone.Tasks;

namespace SagaBridge.Tests.Standalone;

/// <summary>Reaching an engine from elsewhere: a client-only connection, a generic host.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConnectionTests(AzuriteFixture azurite)
{
    private readonly TestEngines engines = new(azurite);

    [Fact]
    public async Task AConnectedClientStartsWorkThatAnEngineInAnotherProcessRuns()
    {
        await using var engine = await engines.StartAsync(EngineKind.AzureStorage);
        await using var client = AzureStorageDurableTaskClient.Connect(
            new StandaloneEngineOptions
            {
                StorageConnectionString = azurite.ConnectionString,
                TaskHubName = engines.TaskHubName,
                PartitionCount = 2,
            },
            NullLoggerFactory.Instance);

        var id = await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimedStepsOrchestrator),
            0);
        var done = await client.WaitForInstanceCompletionAsync(
            id,
            true,
            EngineBehaviourTests.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("before-after", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task AHostedEngineRunsWorkWhileTheHostRuns()
    {
        var ledger = new ExecutionLedger();
        await using var services = new ServiceCollection()
            .AddSingleton(ledger)
            .BuildServiceProvider();
        await using var hosted = new StandaloneEngineHostedService(
            new StandaloneEngineOptions { InMemory = true },
            TestEngines.Registration(),
            services,
            NullLoggerFactory.Instance);
        await hosted.StartAsync(CancellationToken.None);

        var id = await hosted.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimedStepsOrchestrator),
            0);
        var done = await hosted.Client.WaitForInstanceCompletionAsync(
            id,
            true,
            EngineBehaviourTests.Timeout());
        await hosted.StopAsync(CancellationToken.None);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(hosted.Engine.IsInMemory);
        Assert.Equal(1, ledger.CountOf($"{id}/after"));
    }
}
