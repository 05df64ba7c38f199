using Microsoft.Extensions.Logging;

namespace SagaBridge.Activities;

/// <summary>Log lines of the activities layer. Event ids 1000–1999; never a token or payload.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] starting {Role} work of kind {Kind}")]
    public static partial void StartingRemoteWork(
        this ILogger logger, string transactionId, string stepId, string role, string kind);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] remote work {ResourceName} (adopted: {Adopted})")]
    public static partial void StartedRemoteWork(
        this ILogger logger, string transactionId, string stepId, string resourceName, bool adopted);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug,
        Message = "[{TransactionId}/{StepId}] remote state {RemoteState}")]
    public static partial void ReadRemoteWork(
        this ILogger logger, string transactionId, string stepId, string remoteState);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] stopping {ResourceName} (drain: {Drain})")]
    public static partial void StoppingRemoteWork(
        this ILogger logger, string transactionId, string stepId, string resourceName, bool drain);
}
