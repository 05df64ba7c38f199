using Microsoft.Extensions.Logging;

namespace SagaBridge.Activities;

/// <summary>
/// Log lines of the activities layer. Event ids 1000–1999; never a token or payload.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] starting {Role} work of kind {Kind}")]
    public static partial void StartingRemoteWork(
        this ILogger logger, string transactionId, string stepId, string role, string kind);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] remote work {ResourceName} (adopted: {Adopted})")]
    public static partial void StartedRemoteWork(
        this ILogger logger,
        string transactionId,
        string stepId,
        string resourceName,
        bool adopted);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug,
        Message = "[{TransactionId}/{StepId}] remote state {RemoteState}")]
    public static partial void ReadRemoteWork(
        this ILogger logger, string transactionId, string stepId, string remoteState);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] stopping {ResourceName} (drain: {Drain})")]
    public static partial void StoppingRemoteWork(
        this ILogger logger, string transactionId, string stepId, string resourceName, bool drain);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
        Message = "{Operation} answered {StatusCode}; read attempt {Attempt} failed, "
            + "retrying in {DelayMilliseconds} ms")]
    public static partial void RetryingRemoteRead(
        this ILogger logger,
        string operation,
        int? statusCode,
        int attempt,
        long delayMilliseconds);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning,
        Message = "[{TransactionId}/{StepId}] creating {RemoteName} failed transiently; "
            + "reconciling before giving up")]
    public static partial void ReconcilingAfterFailedCreate(
        this ILogger logger, string transactionId, string stepId, string remoteName);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] adopted existing remote work {RemoteName}")]
    public static partial void AdoptedRemoteWork(
        this ILogger logger, string transactionId, string stepId, string remoteName);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] launch of {RemoteName} met an active job of that "
            + "name (409); adopting it")]
    public static partial void AdoptingAfterConflict(
        this ILogger logger, string transactionId, string stepId, string remoteName);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information,
        Message = "{ResourceName} had already finished ({RemoteState}); nothing to stop")]
    public static partial void StopFoundFinishedWork(
        this ILogger logger, string resourceName, string remoteState);
}
