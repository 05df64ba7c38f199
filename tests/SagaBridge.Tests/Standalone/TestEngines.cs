using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Standalone;
using SagaBridge.Tests.Standalone.Tasks;

namespace SagaBridge.Tests.Standalone;

/// <summary>Starts engines with the test tasks, each on a task hub of its own.</summary>
public sealed class TestEngines(AzuriteFixture azurite)
{
    public ExecutionLedger Ledger { get; } = new();

    public string TaskHubName { get; } = "t" + Guid.NewGuid().ToString("N")[..20];

    public static TaskRegistration Registration() => new TaskRegistration()
        .AddOrchestrator<CheckoutOrchestrator>()
        .AddOrchestrator<TimedStepsOrchestrator>()
        .AddOrchestrator<ApprovalOrchestrator>()
        .AddOrchestrator<CountdownOrchestrator>()
        .AddOrchestrator<FailureOrchestrator>()
        .AddOrchestrator<GatedStepsOrchestrator>()
        .AddActivity<PriceOrderActivity>()
        .AddActivity<RecordActivity>()
        .AddActivity<FailingActivity>();

    public Task<StandaloneEngine> StartAsync(EngineKind kind, string? workerId = null)
    {
        var services = new ServiceCollection().AddSingleton(Ledger).BuildServiceProvider();
        var options = new StandaloneEngineOptions
        {
            InMemory = kind == EngineKind.InMemory,
            StorageConnectionString = azurite.ConnectionString,
            TaskHubName = TaskHubName,
            WorkerId = workerId,
            PartitionCount = 2,
            LaunchAzurite = false,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        };

        return StandaloneEngine.StartAsync(
            options,
            Registration(),
            services,
            NullLoggerFactory.Instance,
            CancellationToken.None);
    }
}
