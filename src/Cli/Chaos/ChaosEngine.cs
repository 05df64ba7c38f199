using SagaBridge.Standalone;

namespace SagaBridge.Cli.Chaos;

/// <summary>The engine settings the chaos controller and its worker share.</summary>
internal static class ChaosEngine
{
    /// <summary>
    /// One name for every worker generation: a restarted worker owns the partitions its killed
    /// predecessor leased and resumes them at once instead of waiting for the leases to expire.
    /// </summary>
    public const string WorkerId = "chaos-worker";

    /// <summary>
    /// Options for <paramref name="taskHub"/> on the Azurite at <paramref name="storage"/>.
    /// </summary>
    public static StandaloneEngineOptions Options(string storage, string taskHub) => new()
    {
        StorageConnectionString = storage,
        TaskHubName = taskHub,
        WorkerId = WorkerId,
        PartitionCount = 2,
        LaunchAzurite = false,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200),
        PartitionLeaseInterval = TimeSpan.FromSeconds(10),

        // Messages a killed worker had taken reappear after this; every activity of the run
        // (slow answers and retries included) ends well within it.
        MessageVisibilityTimeout = TimeSpan.FromSeconds(10),
    };
}
