using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace SagaBridge.Standalone;

/// <summary>
/// Log lines of the standalone engine. Event ids 4000–4999; lines about an orchestration
/// start with its instance id; never a connection string, key or payload.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Starting the durable engine on {Backend}, task hub {TaskHub}")]
    public static partial void EngineStarting(this ILogger logger, string backend, string taskHub);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Durable engine running: {Orchestrators} orchestrators, {Activities} activities")]
    public static partial void EngineStarted(
        this ILogger logger, int orchestrators, int activities);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Stopping the durable engine (forced: {Forced})")]
    public static partial void EngineStopping(this ILogger logger, bool forced);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information,
        Message = "Storage emulator already answers on blob port {BlobPort}; not starting Azurite")]
    public static partial void AzuriteAlreadyRunning(this ILogger logger, int blobPort);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information,
        Message = "Installing Azurite with 'npm {Command}' in {Folder} (first use, about 35 s)")]
    public static partial void AzuriteInstalling(
        this ILogger logger, string command, string folder);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information,
        Message = "Azurite installed in {Seconds:F1} s")]
    public static partial void AzuriteInstalled(this ILogger logger, double seconds);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information,
        Message = "Starting Azurite: blob {BlobPort}, queue {QueuePort}, table {TablePort}, "
            + "data in {Location}")]
    public static partial void AzuriteStarting(
        this ILogger logger, int blobPort, int queuePort, int tablePort, string location);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Information,
        Message = "Azurite (pid {ProcessId}) listening after {Seconds:F1} s")]
    public static partial void AzuriteStarted(this ILogger logger, int processId, double seconds);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information,
        Message = "Azurite (pid {ProcessId}) stopped")]
    public static partial void AzuriteStopped(this ILogger logger, int processId);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Warning,
        Message = "Azurite (pid {ProcessId}) could not be stopped")]
    public static partial void AzuriteStopFailed(
        this ILogger logger, int processId, Exception error);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information,
        Message = "[{InstanceId}] scheduled orchestration {Name}")]
    public static partial void InstanceScheduled(
        this ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Information,
        Message = "[{InstanceId}] not scheduled: an instance with this id is {Status}")]
    public static partial void InstanceAlreadyExists(
        this ILogger logger, string instanceId, OrchestrationRuntimeStatus? status);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information,
        Message = "[{InstanceId}] event {EventName} raised")]
    public static partial void EventRaised(
        this ILogger logger, string instanceId, string eventName);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Information,
        Message = "[{InstanceId}] {Operation} requested")]
    public static partial void InstanceOperationRequested(
        this ILogger logger, string instanceId, string operation);

    [LoggerMessage(EventId = 4024, Level = LogLevel.Information,
        Message = "[{InstanceId}] purged ({Count} instance)")]
    public static partial void InstancePurged(this ILogger logger, string instanceId, int count);

    [LoggerMessage(EventId = 4025, Level = LogLevel.Information,
        Message = "Purged {Count} instances")]
    public static partial void InstancesPurged(this ILogger logger, int count);

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Transaction API and dashboard listening on {BaseUrl} "
            + "(API key required: {KeyRequired})")]
    public static partial void HttpHostListening(
        this ILogger logger, Uri baseUrl, bool keyRequired);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Refused {Method} {Path}: missing or wrong API key")]
    public static partial void HttpKeyRejected(this ILogger logger, string method, string path);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error,
        Message = "[{InstanceId}] step '{StepId}': {Method} {Route} failed unexpectedly; "
            + "correlation id {CorrelationId}")]
    public static partial void HttpRequestFailed(
        this ILogger logger,
        string instanceId,
        string stepId,
        string method,
        string route,
        string correlationId,
        Exception error);
}
