namespace SagaBridge.Standalone;

/// <summary>
/// How the standalone engine stores its state and how much work one process takes on.
/// Bind it from the <c>SagaBridge:Engine</c> configuration section; every property has a
/// default that runs against a local Azurite.
/// </summary>
public sealed class StandaloneEngineOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string ConfigurationSection = "SagaBridge:Engine";

    /// <summary>The connection string the Azurite-backed development storage uses.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>
    /// Azure Storage connection string of the task hub. <see cref="DevelopmentStorage"/> or a
    /// string whose endpoints are on 127.0.0.1 or localhost means Azurite, which the engine
    /// starts itself when nothing answers on its blob port.
    /// </summary>
    public string StorageConnectionString { get; set; } = DevelopmentStorage;

    /// <summary>
    /// Name of the task hub: 3 to 45 letters and digits, starting with a letter. Processes
    /// with the same storage and task hub share the work between them.
    /// </summary>
    public string TaskHubName { get; set; } = "sagabridge";

    /// <summary>
    /// Number of control-queue partitions (1 to 16). It bounds how many processes can run
    /// orchestrations of one task hub at once and cannot change once the task hub exists.
    /// </summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Names this process in partition leases; defaults to host name and pid.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Orchestration work items this process runs at the same time.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Activity work items this process runs at the same time.</summary>
    public int MaxConcurrentActivities { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Longest pause between polls of an idle queue. Shorter means quicker pick-up after idle
    /// periods and more storage transactions.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a partition lease lasts without renewal; after a process dies, another one
    /// takes over its partitions once this has passed.
    /// </summary>
    public TimeSpan PartitionLeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a queue message a process has taken stays hidden from the others. After a
    /// process dies, the messages it held come back only once this has passed. Null keeps the
    /// framework's default (5 minutes); keep it well above the longest activity run.
    /// </summary>
    public TimeSpan? MessageVisibilityTimeout { get; set; }

    /// <summary>
    /// Run everything in memory instead (nothing survives the process): for demos and tests.
    /// </summary>
    public bool InMemory { get; set; }

    /// <summary>Start Azurite when the storage is local and nothing answers on its ports.</summary>
    public bool LaunchAzurite { get; set; } = true;

    /// <summary>
    /// Folder for the data of an Azurite the engine starts, relative to the working directory.
    /// </summary>
    public string AzuriteLocation { get; set; } = Path.Combine(".sagabridge", "azurite");

    /// <summary>
    /// Folder with the pinned Azurite <c>package.json</c>; when empty, the engine looks for
    /// <c>tools/azurite</c> above the working directory and above the application.
    /// </summary>
    public string? AzuriteToolFolder { get; set; }
}
