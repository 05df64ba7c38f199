using System.Globalization;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace SagaBridge.Standalone.Hosting;

/// <summary>The Azure Storage orchestration service settings that engine options mean.</summary>
internal static class StorageSettings
{
    public static AzureStorageOrchestrationServiceSettings From(
        StandaloneEngineOptions options,
        ILoggerFactory loggerFactory)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            PartitionCount = options.PartitionCount,
            WorkerId = options.WorkerId ?? string.Create(
                CultureInfo.InvariantCulture,
                $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"),
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            LeaseInterval = options.PartitionLeaseInterval,
            StorageAccountClientProvider =
                new StorageAccountClientProvider(options.StorageConnectionString),

            // Lets the client tell a refused start from a successful one.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
        if (options.MessageVisibilityTimeout is { } visibility)
        {
            settings.ControlQueueVisibilityTimeout = visibility;
            settings.WorkItemQueueVisibilityTimeout = visibility;
        }

        return settings;
    }
}
