using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Emulators;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Standalone;
using SagaBridge.Tests.Standalone;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Saga;

/// <summary>The same saga on the Durable Task Framework over Azure Storage (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableSagaTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private CloudEmulator emulator = null!;
    private TransactionEngine engine = null!;

    public async Task InitializeAsync()
    {
        emulator = await CloudEmulator.StartAsync();
        engine = await TransactionEngine.StartAsync(
            new TransactionEngineOptions
            {
                Engine = new StandaloneEngineOptions
                {
                    StorageConnectionString = azurite.ConnectionString,
                    TaskHubName = "saga" + Guid.NewGuid().ToString("N")[..16],
                    PartitionCount = 2,
                    LaunchAzurite = false,
                    MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
                },
                Catalog = DefinitionCatalog.Of(
                    DefinitionLoader.Load(
                        TestDefinitions.Chain("chain", "a", "b", "c").ToJsonString())),
                EmulatorBaseUrl = emulator.BaseUrl,
                ConfigureRetry = retry => retry.InitialDelay = TimeSpan.FromMilliseconds(10),
            },
            NullLoggerFactory.Instance,
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task AFailureRollsBackOnTheAzureStorageEngineToo()
    {
        emulator.Scripts.Set("workflow:wf-c", new EmulatorScript { Outcome = ScriptOutcome.Fail });

        var started = await engine.Api.StartByNameAsync("chain", """{"id":"durable-1"}""");
        var report = await WaitAsync("durable-1");

        Assert.Equal(202, started.Status);
        Assert.Equal(TransactionState.RolledBack, report.State);
        var undone = emulator.Records.WorkflowExecutions
            .Where(e => e.Workflow.StartsWith("undo-", StringComparison.Ordinal))
            .OrderBy(e => e.Sequence)
            .Select(e => e.Workflow);
        Assert.Equal(["undo-b", "undo-a"], undone);
    }

    [Fact]
    public async Task CancelStopsTheRemoteWorkOnTheAzureStorageEngine()
    {
        emulator.Scripts.Set(
            "workflow:wf-b",
            new EmulatorScript { Outcome = ScriptOutcome.RunUntilCancelled });
        await engine.Api.StartByNameAsync("chain", """{"id":"durable-2"}""");
        await WaitForAsync("durable-2", r => r.Step("b").State == StepState.Running);

        var cancel = await engine.Api.CancelAsync("durable-2", null);
        var report = await WaitAsync("durable-2");

        Assert.Equal(202, cancel.Status);
        Assert.Equal(TransactionState.Cancelled, report.State);
        Assert.Equal(
            "CANCELLED",
            emulator.Records.WorkflowExecutions.Single(e => e.Workflow == "wf-b").State);
        Assert.Equal(StepState.Compensated, report.Step("a").State);
    }

    private async Task<TransactionReport> WaitAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        return done.ReadOutputAs<TransactionReport>()!;
    }

    private async Task WaitForAsync(string id, Func<TransactionReport, bool> reached)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            var metadata = await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (metadata?.SerializedCustomStatus is not null
                && reached(metadata.ReadCustomStatusAs<TransactionReport>()!))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{id} did not reach the expected state.");
    }
}
