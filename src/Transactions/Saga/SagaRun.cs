using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Tasks;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Transactions.Saga;

/// <summary>
/// The decisions of one transaction orchestration. Everything here runs inside the
/// orchestrator, so it only reads the context's clock and schedules durable work.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Usage",
    "DURABLE0010",
    Justification = "The logger field holds the context's replay-safe logger.")]
internal sealed class SagaRun
{
    private readonly TaskOrchestrationContext context;
    private readonly TransactionDefinition definition;
    private readonly JsonNode? input;
    private readonly TransactionReport report;
    private readonly ILogger logger;
    private readonly Dictionary<string, StepResultView> results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RemoteWorkHandle> handles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> waiting = new(StringComparer.Ordinal);
    private readonly List<string> completed = [];
    private bool pivotSucceeded;
    private bool stopping;

    public SagaRun(
        TaskOrchestrationContext context,
        TransactionDefinition definition,
        TransactionStart start)
    {
        this.context = context;
        this.definition = definition;
        input = start.InputJson is null ? null : JsonNode.Parse(start.InputJson);
        logger = context.CreateReplaySafeLogger<TransactionOrchestrator>();

        var now = context.CurrentUtcDateTime;
        report = new TransactionReport
        {
            TransactionId = context.InstanceId,
            Definition = definition.Name,
            Version = definition.Version,
            StartedBy = start.StartedBy,
            State = TransactionState.Running,
            StartedAt = now,
            UpdatedAt = now,
            Steps = definition.Steps
                .Select(s => new StepReport { Id = s.Id, Kind = s.Kind, State = StepState.Pending })
                .ToList(),
        };
    }

    public async Task<TransactionReport> RunAsync()
    {
        logger.TransactionStarted(context.InstanceId, definition.Name, definition.Version);
        Publish();

        var cancelled = await RunForwardAsync();
        if (report.Reason is null)
        {
            return Finish(TransactionState.Committed);
        }

        report.State = TransactionState.RollingBack;
        logger.RollingBack(context.InstanceId, report.Reason);
        Publish();

        await CompensateAsync();

        return Finish(cancelled ? TransactionState.Cancelled : TransactionState.RolledBack);
    }

    /// <summary>Runs steps until all succeeded, one failed or an operator cancelled.</summary>
    /// <returns>True when the transaction was cancelled.</returns>
    private async Task<bool> RunForwardAsync()
    {
        var cancel = context.WaitForExternalEvent<CancelRequest>(EventNames.Cancel);
        var cancelSeen = false;
        var cancelled = false;
        var inFlight = new Dictionary<Task<StepWaitResult>, StepDefinition>();

        while (true)
        {
            if (!stopping)
            {
                foreach (var step in ReadySteps())
                {
                    report.Step(step.Id).State = StepState.Starting;
                    inFlight[RunStepAsync(step)] = step;
                }
            }

            if (inFlight.Count == 0)
            {
                return cancelled;
            }

            var waits = new List<Task>(inFlight.Keys);
            if (!cancelSeen)
            {
                waits.Add(cancel);
            }

            var first = await Task.WhenAny(waits);

            // A cancel and a step's end may arrive in the same batch: the cancel is handled
            // first, so the transaction ends as cancelled whichever the batch lists first.
            if (!cancelSeen && cancel.IsCompleted)
            {
                cancelSeen = true;
                cancelled = OnCancel(cancel.Result);
            }

            if (first != cancel)
            {
                var finished = (Task<StepWaitResult>)first;
                var done = inFlight[finished];
                inFlight.Remove(finished);
                OnStepEnded(done, finished.Result);
            }

            if (report.Reason is not null && !stopping)
            {
                await StopWaitingStepsAsync();
            }
        }
    }

    private bool OnCancel(CancelRequest request)
    {
        if (pivotSucceeded)
        {
            logger.CancelIgnoredAfterPivot(context.InstanceId);

            return false;
        }

        if (stopping)
        {
            return false;
        }

        report.Reason = "Cancelled by an operator"
            + (string.IsNullOrWhiteSpace(request.Reason) ? "." : $": {request.Reason}");

        return true;
    }

    private void OnStepEnded(StepDefinition step, StepWaitResult result)
    {
        var row = report.Step(step.Id);
        row.EndedAt = context.CurrentUtcDateTime;
        row.RemoteState = result.RemoteState;

        if (result.State == RemoteWorkState.Succeeded)
        {
            if (row.State != StepState.Skipped)
            {
                row.State = StepState.Succeeded;
            }

            row.LastError = null;
            completed.Add(step.Id);
            row.CompletedOrder = completed.Count;
            results[step.Id] = new StepResultView(row.RemoteId, ParseOutput(result.OutputJson));
            pivotSucceeded |= step.IsPivot;
            logger.StepSucceeded(context.InstanceId, step.Id, row.RemoteId ?? "");
        }
        else if (result.State == RemoteWorkState.Cancelled && stopping)
        {
            row.State = StepState.Cancelled;
        }
        else
        {
            row.State = StepState.Failed;
            row.LastError = result.Error ?? $"The remote work ended in {result.RemoteState}.";
            logger.StepFailed(context.InstanceId, step.Id, row.LastError);
            if (!stopping)
            {
                report.Reason = $"Step '{step.Id}' failed: {row.LastError}";
            }
        }

        Publish();
    }

    private List<StepDefinition> ReadySteps() =>
        definition.Steps
            .Where(s => report.Step(s.Id).State == StepState.Pending)
            .Where(s => s.DependsOn.All(d => report.Step(d).State
                is StepState.Succeeded or StepState.Skipped))
            .ToList();

    /// <summary>
    /// Runs a step; after the pivot has succeeded a failure is retried forward, and when the
    /// retries are spent an operator decides.
    /// </summary>
    private async Task<StepWaitResult> RunStepAsync(StepDefinition step)
    {
        var row = report.Step(step.Id);
        for (var attempt = 1; ; attempt++)
        {
            row.Attempts = attempt;
            var run = new RemoteRun(
                step.Id,
                SagaRoles.Step,
                attempt,
                step.Kind,
                step.Parameters,
                step.Retry,
                step.Poll,
                step.Timeout,
                step.OnCancel == StopMode.Drain);

            var result = await RunRemoteAsync(run, handle =>
            {
                row.State = StepState.Running;
                row.StartedAt ??= context.CurrentUtcDateTime;
                row.RemoteId = handle.ResourceName;
                row.ConsoleUrl = handle.ConsoleUrl;
                handles[step.Id] = handle;
            });

            if (result.State is RemoteWorkState.Succeeded or RemoteWorkState.Cancelled
                || !pivotSucceeded)
            {
                return result;
            }

            row.LastError = result.Error;
            if (attempt % step.Retry.MaxAttempts != 0)
            {
                await context.CreateTimer(Backoff(step.Retry, attempt), CancellationToken.None);
                continue;
            }

            var decision = await AwaitOperatorAsync(
                step.Id,
                StepState.AwaitingOperator,
                TransactionState.CommitFailed,
                $"Step '{step.Id}' failed {attempt} times after the pivot: {result.Error}");
            if (decision.Action == OperatorAction.Skip)
            {
                row.State = StepState.Skipped;

                return new StepWaitResult(RemoteWorkState.Succeeded, "SKIPPED", null, null, 0);
            }
        }
    }

    private async Task CompensateAsync()
    {
        var order = 0;
        foreach (var stepId in Enumerable.Reverse(completed))
        {
            var step = definition.FindStep(stepId)!;
            var row = report.Step(stepId);
            var compensation = new CompensationReport
            {
                Order = ++order,
                StartedAt = context.CurrentUtcDateTime,
            };
            row.Compensation = compensation;
            row.State = StepState.Compensating;
            Publish();

            await StopIfStillRunningAsync(step, row);

            if (step.Compensation is { IsNoOp: false } action)
            {
                await CompensateStepAsync(step, action, row, compensation);
            }
            else
            {
                row.State = StepState.Compensated;
            }

            compensation.EndedAt = context.CurrentUtcDateTime;
            logger.StepCompensated(context.InstanceId, stepId, row.State);
            Publish();
        }
    }

    private async Task CompensateStepAsync(
        StepDefinition step,
        CompensationDefinition action,
        StepReport row,
        CompensationReport compensation)
    {
        for (var attempt = 1; ; attempt++)
        {
            compensation.Attempts = attempt;
            var run = new RemoteRun(
                step.Id,
                SagaRoles.Compensation,
                attempt,
                action.Kind!,
                action.Parameters,
                action.Retry,
                step.Poll,
                step.Timeout,
                Drain: false);

            var result = await RunRemoteAsync(run, handle =>
            {
                compensation.RemoteId = handle.ResourceName;
                compensation.ConsoleUrl = handle.ConsoleUrl;
            });

            if (result.State == RemoteWorkState.Succeeded)
            {
                row.State = StepState.Compensated;
                compensation.LastError = null;

                return;
            }

            compensation.LastError = result.Error ?? $"Ended in {result.RemoteState}.";
            if (attempt % action.Retry.MaxAttempts != 0)
            {
                Publish();
                await context.CreateTimer(Backoff(action.Retry, attempt), CancellationToken.None);
                continue;
            }

            var decision = await AwaitOperatorAsync(
                step.Id,
                StepState.CompensationFailed,
                TransactionState.RollbackFailed,
                $"Compensation of '{step.Id}' failed {attempt} times: {compensation.LastError}");
            if (decision.Action == OperatorAction.Skip)
            {
                row.State = StepState.CompensationSkipped;

                return;
            }

            row.State = StepState.Compensating;
        }
    }

    /// <summary>
    /// A streaming Dataflow step counts as done while its job still runs; undoing it starts
    /// by stopping that job.
    /// </summary>
    private async Task StopIfStillRunningAsync(StepDefinition step, StepReport row)
    {
        if (row.RemoteState != "JOB_STATE_RUNNING" || !handles.TryGetValue(step.Id, out var handle))
        {
            return;
        }

        await context.CallActivityAsync<bool>(
            ActivityNames.StopRemoteWork,
            new RemoteStopRequest(
                context.InstanceId,
                step.Id,
                handle,
                step.OnCancel == StopMode.Drain),
            TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2.0)));
    }

    private async Task<OperatorDecision> AwaitOperatorAsync(
        string stepId,
        StepState stepState,
        TransactionState transactionState,
        string reason)
    {
        var row = report.Step(stepId);
        var previous = report.State;
        var previousReason = report.Reason;
        row.State = stepState;
        report.State = transactionState;
        report.Reason = reason;
        logger.AwaitingOperator(context.InstanceId, stepId, reason);
        Publish();

        var decision = await context.WaitForExternalEvent<OperatorDecision>(
            EventNames.OperatorDecision(stepId));

        logger.OperatorDecided(context.InstanceId, stepId, decision.Action);
        report.State = previous;
        report.Reason = previousReason;
        Publish();

        return decision;
    }

    /// <summary>
    /// Resolves templates, starts the remote work and waits for it in a step orchestration.
    /// </summary>
    private async Task<StepWaitResult> RunRemoteAsync(
        RemoteRun run,
        Action<RemoteWorkHandle> started)
    {
        JsonObject parameters;
        try
        {
            parameters = TemplateResolver.Resolve(run.Parameters, Scope());
        }
        catch (TemplateResolutionException unresolved)
        {
            return StepWaitResult.Failure(unresolved.Message);
        }

        var request = new RemoteWorkRequest(
            context.InstanceId,
            run.StepId,
            run.Role,
            run.Attempt,
            run.Kind,
            parameters.ToJsonString());

        RemoteWorkHandle handle;
        try
        {
            handle = await StartAsync(request, run.Retry);
        }
        catch (TaskFailedException failure)
        {
            return StepWaitResult.Failure(failure.FailureDetails.ErrorMessage);
        }

        started(handle);
        var instanceId = StepInstanceId.For(context.InstanceId, run.StepId, run.Role, run.Attempt);
        var isStep = run.Role == SagaRoles.Step;
        if (isStep)
        {
            waiting[run.StepId] = instanceId;
        }

        Publish();

        var now = context.CurrentUtcDateTime;
        var wait = new StepWait(
            context.InstanceId,
            run.StepId,
            run.Role,
            handle,
            run.Timeout is { } timeout ? now + timeout : null,
            run.Poll.InitialInterval,
            run.Poll.MaxInterval,
            run.Poll.CallbackInterval,
            ExpectsCallback(parameters),
            run.Drain,
            run.Poll.InitialInterval,
            StopRequested: isStep && stopping);

        try
        {
            return await context.CallSubOrchestratorAsync<StepWaitResult>(
                nameof(StepOrchestrator),
                wait,
                new SubOrchestrationOptions { InstanceId = instanceId });
        }
        catch (TaskFailedException failure)
        {
            return StepWaitResult.Failure(failure.Message);
        }
        finally
        {
            waiting.Remove(run.StepId);
        }
    }

    private async Task<RemoteWorkHandle> StartAsync(
        RemoteWorkRequest request,
        RetryDefinition retry)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await context.CallActivityAsync<RemoteWorkHandle>(
                    ActivityNames.StartRemoteWork,
                    request);
            }
            catch (TaskFailedException failure)
                when (failure.FailureDetails.IsCausedBy<TransientRemoteException>()
                    && tries < retry.MaxAttempts)
            {
                logger.StartRetrying(
                    context.InstanceId,
                    request.StepId,
                    tries,
                    failure.FailureDetails.ErrorMessage);
                await context.CreateTimer(Backoff(retry, tries), CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Stops the remote work of every step that waits for it and wakes those steps so they see
    /// the work end; no new step starts, and steps still being started stop their work as soon
    /// as it exists.
    /// </summary>
    private async Task StopWaitingStepsAsync()
    {
        stopping = true;
        var stops = new List<Task<bool>>();
        foreach (var (stepId, instanceId) in waiting)
        {
            var step = definition.FindStep(stepId)!;
            var drain = step.OnCancel == StopMode.Drain;
            report.Step(stepId).State = StepState.Stopping;
            stops.Add(context.CallActivityAsync<bool>(
                ActivityNames.StopRemoteWork,
                new RemoteStopRequest(context.InstanceId, stepId, handles[stepId], drain),
                TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2.0))));
            context.SendEvent(instanceId, EventNames.Stop, new StepStopSignal(drain));
        }

        Publish();
        try
        {
            await Task.WhenAll(stops);
        }
        catch (TaskFailedException failure)
        {
            // The step's own wait still sees the work end, or its deadline stops it again.
            logger.StopFailed(context.InstanceId, failure.FailureDetails.ErrorMessage);
        }
    }

    private TemplateScope Scope() =>
        new(context.InstanceId, definition.Name, input, results);

    private static bool ExpectsCallback(JsonObject parameters) =>
        parameters["completion"] is JsonValue value
        && value.TryGetValue<string>(out var completion)
        && completion is "eventGrid" or "webhook";

    private static JsonNode? ParseOutput(string? outputJson)
    {
        if (string.IsNullOrWhiteSpace(outputJson))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(outputJson);
        }
        catch (JsonException)
        {
            return JsonValue.Create(outputJson);
        }
    }

    private static TimeSpan Backoff(RetryDefinition retry, int attempt)
    {
        var seconds = retry.InitialInterval.TotalSeconds
            * Math.Pow(retry.BackoffCoefficient, attempt - 1);

        return TimeSpan.FromSeconds(Math.Min(seconds, retry.MaxInterval.TotalSeconds));
    }

    private TransactionReport Finish(TransactionState state)
    {
        report.State = state;
        report.EndedAt = context.CurrentUtcDateTime;
        if (state == TransactionState.Committed)
        {
            report.Reason = null;
        }

        logger.TransactionEnded(context.InstanceId, state);
        Publish();

        return report;
    }

    private void Publish()
    {
        report.UpdatedAt = context.CurrentUtcDateTime;
        context.SetCustomStatus(report);
    }
}
