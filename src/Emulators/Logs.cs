using Microsoft.Extensions.Logging;

namespace SagaBridge.Emulators;

/// <summary>
/// Log lines of the emulators. Event ids 5000–5999. Remote work is named by its resource name;
/// bearer tokens, secrets and request bodies are never logged.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug,
        Message = "Emulators listening on {BaseUrl}")]
    public static partial void Listening(this ILogger logger, Uri baseUrl);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "created {Kind} {ResourceName} for target {Target}")]
    public static partial void Created(
        this ILogger logger, string kind, string resourceName, string target);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information,
        Message = "{ResourceName} is now {State}")]
    public static partial void StateChanged(
        this ILogger logger, string resourceName, string state);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information,
        Message = "created {ResourceName} and dropped the answer, as scripted")]
    public static partial void CreateAnswerLost(this ILogger logger, string resourceName);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information,
        Message = "injected fault {StatusCode} on {Method} {Path}")]
    public static partial void FaultInjected(
        this ILogger logger, int statusCode, string method, string path);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information,
        Message = "Event Grid delivery configured to {Endpoint}")]
    public static partial void EventGridConfigured(this ILogger logger, string endpoint);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning,
        Message = "Event Grid delivery to {Endpoint} failed (attempt {Attempt}, status {Status})")]
    public static partial void EventDeliveryFailed(
        this ILogger logger, string endpoint, int attempt, int status);
}
