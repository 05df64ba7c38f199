using Microsoft.DurableTask;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Tasks;

namespace SagaBridge.Transactions.Saga;

/// <summary>
/// Waits for one run of a step's remote work: polls with exponential backoff, wakes early on a
/// stop or a callback, stops the work at its deadline, and continues as new after
/// <see cref="PollsPerGeneration"/> polls so that a wait of hours keeps a short history.
/// </summary>
public sealed class StepOrchestrator : TaskOrchestrator<StepWait, StepWaitResult>
{
    /// <summary>Polls made in one generation before the history is restarted.</summary>
    public const int PollsPerGeneration = 50;

    public override async Task<StepWaitResult> RunAsync(
        TaskOrchestrationContext context,
        StepWait input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var state = input;
        var stop = context.WaitForExternalEvent<StepStopSignal>(EventNames.Stop);
        var callback = context.WaitForExternalEvent<StepCallbackSignal>(EventNames.Callback);

        for (var poll = 0; poll < PollsPerGeneration; poll++)
        {
            if (stop.IsCompletedSuccessfully && !state.StopRequested)
            {
                state = state with
                {
                    StopRequested = true,
                    Drain = state.Drain || stop.Result.Drain,
                };
            }

            if (state.StopRequested && !state.StopIssued)
            {
                await StopAsync(context, state);
                state = state with { StopIssued = true, NextInterval = state.InitialInterval };
            }

            var status = await ReadAsync(context, state);
            state = state with { Polls = state.Polls + 1 };

            if (status is { IsFinished: true })
            {
                return Finish(state, status);
            }

            if (status is null && state.TimedOut && state.StopIssued)
            {
                return StepWaitResult.Failure(
                    "Timed out; the stop was sent but the remote status could not be read.");
            }

            var now = context.CurrentUtcDateTime;
            if (state.DeadlineUtc is { } deadline && now >= deadline && !state.StopRequested)
            {
                state = state with { StopRequested = true, TimedOut = true };
                continue;
            }

            var signal = await SleepAsync(context, state, now, stop, callback);
            if (signal is StepCallbackSignal { Succeeded: true } reported)
            {
                return new StepWaitResult(
                    RemoteWorkState.Succeeded,
                    "REPORTED_BY_CALLBACK",
                    reported.OutputJson,
                    null,
                    state.Polls);
            }

            if (signal is StepCallbackSignal { Succeeded: false } failed)
            {
                return new StepWaitResult(
                    RemoteWorkState.Failed,
                    "REPORTED_BY_CALLBACK",
                    null,
                    failed.Error ?? "The remote work reported a failure.",
                    state.Polls);
            }

            if (signal is StepCallbackSignal)
            {
                callback = context.WaitForExternalEvent<StepCallbackSignal>(EventNames.Callback);
            }

            state = state with { NextInterval = Next(state) };
        }

        context.ContinueAsNew(state, preserveUnprocessedEvents: true);

        return new StepWaitResult(RemoteWorkState.Running, "CONTINUED", null, null, state.Polls);
    }

    private static async Task<RemoteWorkStatus?> ReadAsync(
        TaskOrchestrationContext context,
        StepWait state)
    {
        try
        {
            return await context.CallActivityAsync<RemoteWorkStatus>(
                ActivityNames.ReadRemoteWork,
                new RemoteStatusRequest(state.TransactionId, state.StepId, state.Handle));
        }
        catch (TaskFailedException failure)
            when (failure.FailureDetails.IsCausedBy<TransientRemoteException>())
        {
            // The next poll tries again; the deadline bounds how long that can go on.
            return null;
        }
        catch (TaskFailedException failure)
        {
            return new RemoteWorkStatus(
                RemoteWorkState.Failed,
                "UNREADABLE",
                Error: failure.FailureDetails.ErrorMessage);
        }
    }

    private static async Task StopAsync(TaskOrchestrationContext context, StepWait state)
    {
        var request = new RemoteStopRequest(
            state.TransactionId,
            state.StepId,
            state.Handle,
            state.Drain);

        try
        {
            await context.CallActivityAsync<bool>(
                ActivityNames.StopRemoteWork,
                request,
                TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2.0)));
        }
        catch (TaskFailedException)
        {
            // Polling goes on: the work either ends by itself or the deadline reports it.
        }
    }

    private static async Task<object?> SleepAsync(
        TaskOrchestrationContext context,
        StepWait state,
        DateTime now,
        Task<StepStopSignal> stop,
        Task<StepCallbackSignal> callback)
    {
        var delay = state.ExpectsCallback && !state.StopRequested
            ? state.CallbackInterval
            : state.NextInterval;
        if (state.DeadlineUtc is { } deadline && deadline - now < delay)
        {
            delay = deadline - now;
        }

        using var timerCancellation = new CancellationTokenSource();
        var timer = context.CreateTimer(delay, timerCancellation.Token);
        var waits = new List<Task> { timer, callback };
        if (!state.StopRequested)
        {
            waits.Add(stop);
        }

        var first = await Task.WhenAny(waits);
        if (first != timer)
        {
            // Cancel, never CancelAsync: CancelAsync finishes on a thread-pool thread, so the
            // orchestrator would resume outside the engine's turn; on Azure Storage that turn
            // then ends with nothing scheduled and the wait never wakes again.
            timerCancellation.Cancel();
        }

        return first == callback ? callback.Result : null;
    }

    private static StepWaitResult Finish(StepWait state, RemoteWorkStatus status)
    {
        if (state.TimedOut && status.State != RemoteWorkState.Succeeded)
        {
            return new StepWaitResult(
                RemoteWorkState.Failed,
                status.RemoteState,
                null,
                $"Timed out: the remote work had not finished by {state.DeadlineUtc:O}.",
                state.Polls);
        }

        return new StepWaitResult(
            status.State,
            status.RemoteState,
            status.OutputJson,
            status.Error,
            state.Polls);
    }

    private static TimeSpan Next(StepWait state)
    {
        var doubled = state.NextInterval * 2;

        return doubled > state.MaxInterval ? state.MaxInterval : doubled;
    }
}
