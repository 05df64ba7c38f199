using Microsoft.Extensions.Logging;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Transactions;

/// <summary>Log lines of the transactions layer. Event ids 2000–2999; never a payload.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "[{TransactionId}] started {Definition} v{Version}")]
    public static partial void TransactionStarted(
        this ILogger logger, string transactionId, string definition, string version);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] succeeded ({RemoteId})")]
    public static partial void StepSucceeded(
        this ILogger logger, string transactionId, string stepId, string remoteId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "[{TransactionId}/{StepId}] failed: {Error}")]
    public static partial void StepFailed(
        this ILogger logger, string transactionId, string stepId, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "[{TransactionId}] rolling back: {Reason}")]
    public static partial void RollingBack(
        this ILogger logger,
        string transactionId,
        string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] compensation ended as {State}")]
    public static partial void StepCompensated(
        this ILogger logger, string transactionId, string stepId, StepState state);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "[{TransactionId}/{StepId}] waiting for an operator: {Reason}")]
    public static partial void AwaitingOperator(
        this ILogger logger, string transactionId, string stepId, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] operator decided {Action}")]
    public static partial void OperatorDecided(
        this ILogger logger, string transactionId, string stepId, OperatorAction action);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information,
        Message = "[{TransactionId}] ended {State}")]
    public static partial void TransactionEnded(
        this ILogger logger, string transactionId, TransactionState state);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information,
        Message = "[{TransactionId}] cancel ignored: the pivot step has succeeded")]
    public static partial void CancelIgnoredAfterPivot(this ILogger logger, string transactionId);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning,
        Message = "[{TransactionId}/{StepId}] start try {Try} failed, retrying: {Error}")]
    public static partial void StartRetrying(
        this ILogger logger, string transactionId, string stepId, int @try, string error);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning,
        Message = "[{TransactionId}] stopping remote work failed: {Error}")]
    public static partial void StopFailed(this ILogger logger, string transactionId, string error);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "[{TransactionId}/{StepId}] {Source} callback woke {Role} attempt {Attempt}")]
    public static partial void CallbackAccepted(
        this ILogger logger,
        string transactionId,
        string stepId,
        string role,
        int attempt,
        string source);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "{Source} callback rejected: {Reason}")]
    public static partial void CallbackRejected(this ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug,
        Message = "[{TransactionId}/{StepId}] run event ignored: {Reason}")]
    public static partial void CallbackIgnored(
        this ILogger logger, string transactionId, string stepId, string reason);

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information,
        Message = "[{TransactionId}] started by schedule {Schedule}")]
    public static partial void OccurrenceStarted(
        this ILogger logger, string transactionId, string schedule);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning,
        Message = "[{TransactionId}] schedule {Schedule} skipped it: {Running} still runs")]
    public static partial void OccurrenceSkipped(
        this ILogger logger, string transactionId, string schedule, string running);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information,
        Message = "[{TransactionId}] schedule {Schedule} cancelled the earlier {Previous}")]
    public static partial void PreviousOccurrenceCancelled(
        this ILogger logger, string transactionId, string schedule, string previous);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Error,
        Message = "[{TransactionId}] schedule {Schedule} could not start: {Problem}")]
    public static partial void ScheduleFailed(
        this ILogger logger, string transactionId, string schedule, string problem);
}
