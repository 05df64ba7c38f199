using System.Text.Json.Nodes;
using SagaBridge.Emulators.Faults;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Saga;

public sealed class SagaFaultTests : IAsyncLifetime
{
    private SagaHost host = null!;

    public async Task InitializeAsync() => host = await SagaHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task CancelWhileADataflowJobRunsCancelsTheJobAndRollsBackTheRest()
    {
        host.Emulator.Scripts.Set("dataflow:gs://templates/stream.json", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var definition = TestDefinitions.Definition(
            "cancel",
            TestDefinitions.Workflow("train"),
            TestDefinitions.Dataflow("featurize", "gs://templates/stream.json"),
            TestDefinitions.Workflow("publish"));
        var id = await host.StartAsync(definition);
        await host.WaitUntilAsync(id, r => r.Step("featurize").State == StepState.Running);

        var cancel = await host.Api.CancelAsync(id, """{"reason":"operator test"}""");
        var report = await host.WaitAsync(id);

        Assert.Equal(202, cancel.Status);
        Assert.Equal(TransactionState.Cancelled, report.State);
        Assert.Contains("operator test", report.Reason);
        Assert.Equal(StepState.Cancelled, report.Step("featurize").State);
        Assert.Equal(StepState.Compensated, report.Step("train").State);
        Assert.Equal(StepState.Pending, report.Step("publish").State);
        var job = Assert.Single(host.Emulator.Records.DataflowJobs);
        Assert.Equal("JOB_STATE_CANCELLED", job.State);
        Assert.Contains("JOB_STATE_CANCELLED", job.RequestedStates);
        Assert.Single(host.Emulator.Records.WorkflowExecutions, e => e.Workflow == "undo-train");
    }

    [Fact]
    public async Task ALostLaunchResponseAdoptsTheJobInsteadOfStartingASecond()
    {
        host.Emulator.Scripts.Set("dataflow:gs://templates/prepare.json", new EmulatorScript
        {
            LoseCreateResponse = 1,
            SucceedAfterReads = 2,
        });
        var definition = TestDefinitions.Definition(
            "lost-launch",
            TestDefinitions.Dataflow("prepare", "gs://templates/prepare.json"));

        var id = await host.StartAsync(definition);
        var report = await host.WaitAsync(id);

        Assert.Equal(TransactionState.Committed, report.State);
        Assert.Equal(1, host.Emulator.Records.CreatesLost);
        Assert.Equal(1, host.Emulator.Records.CreatedCount("dataflow:gs://templates/prepare.json"));
    }

    [Fact]
    public async Task BurstsOf503And429AreRiddenOut()
    {
        host.Emulator.Faults.Add(new EmulatorFault(503, 2, TimeSpan.FromMilliseconds(20)));
        host.Emulator.Faults.Add(new EmulatorFault(429, 2, TimeSpan.FromMilliseconds(20)));

        var id = await host.StartAsync(TestDefinitions.Chain("bursts", "a", "b"));
        var report = await host.WaitAsync(id);

        Assert.True(
            report.State == TransactionState.Committed,
            $"{report.State}: {report.Reason} {report.Steps[0].LastError}");
        Assert.Equal(0, host.Emulator.Faults.Remaining);
        Assert.Equal(1, host.Emulator.Records.CreatedCount("workflow:wf-a"));
        Assert.Equal(1, host.Emulator.Records.CreatedCount("workflow:wf-b"));
    }

    [Fact]
    public async Task APermissionDeniedFailsTheStepAtOnceWithAClearError()
    {
        host.Emulator.Scripts.Set("workflow:wf-b", new EmulatorScript { Forbidden = true });

        var id = await host.StartAsync(TestDefinitions.Chain("forbidden", "a", "b"));
        var report = await host.WaitAsync(id);

        Assert.Equal(TransactionState.RolledBack, report.State);
        var failed = report.Step("b");
        Assert.Equal(StepState.Failed, failed.State);
        Assert.Contains("403", failed.LastError);
        Assert.Contains("PERMISSION_DENIED", failed.LastError);
        Assert.Null(failed.RemoteId);
        Assert.Equal(0, host.Emulator.Records.CreatedCount("workflow:wf-b"));
        Assert.Equal(StepState.Compensated, report.Step("a").State);
    }

    [Fact]
    public async Task ACompensationThatFailsTwiceIsRetriedUntilItSucceeds()
    {
        host.Emulator.Scripts.Set(
            "workflow:wf-b",
            new EmulatorScript { Outcome = ScriptOutcome.Fail });
        host.Emulator.Scripts.Set("workflow:undo-a", new EmulatorScript { FailTimes = 2 });

        var id = await host.StartAsync(TestDefinitions.Chain("flaky-undo", "a", "b"));
        var report = await host.WaitAsync(id);

        Assert.Equal(TransactionState.RolledBack, report.State);
        Assert.Equal(StepState.Compensated, report.Step("a").State);
        Assert.Equal(3, report.Step("a").Compensation!.Attempts);
        Assert.Equal(3, host.Emulator.Records.CreatedCount("workflow:undo-a"));
    }

    [Fact]
    public async Task ACompensationThatNeverSucceedsWaitsForAnOperatorWhoseSkipEndsTheRollback()
    {
        host.Emulator.Scripts.Set(
            "workflow:wf-c",
            new EmulatorScript { Outcome = ScriptOutcome.Fail });
        host.Emulator.Scripts.Set("workflow:undo-b", new EmulatorScript
        {
            Outcome = ScriptOutcome.Fail,
            ErrorMessage = "bucket is locked",
        });
        var id = await host.StartAsync(TestDefinitions.Chain("stuck-undo", "a", "b", "c"));

        var stuck = await host.WaitUntilAsync(id, r => r.State == TransactionState.RollbackFailed);
        var early = await host.Api.DecideAsync(id, "a", OperatorAction.Skip);
        var skip = await host.Api.DecideAsync(id, "b", OperatorAction.Skip);
        var report = await host.WaitAsync(id);

        Assert.Equal(StepState.CompensationFailed, stuck.Step("b").State);
        Assert.Contains("bucket is locked", stuck.Reason);
        Assert.Equal(409, early.Status);
        Assert.Equal(202, skip.Status);
        Assert.Equal(TransactionState.RolledBack, report.State);
        Assert.Equal(StepState.CompensationSkipped, report.Step("b").State);
        Assert.Equal(StepState.Compensated, report.Step("a").State);
    }

    [Fact]
    public async Task AnOperatorRetryOfAFailedCompensationRunsItAgain()
    {
        host.Emulator.Scripts.Set(
            "workflow:wf-b",
            new EmulatorScript { Outcome = ScriptOutcome.Fail });
        host.Emulator.Scripts.Set("workflow:undo-a", new EmulatorScript { FailTimes = 3 });
        var id = await host.StartAsync(TestDefinitions.Chain("retry-undo", "a", "b"));
        await host.WaitUntilAsync(id, r => r.State == TransactionState.RollbackFailed);

        var retry = await host.Api.DecideAsync(id, "a", OperatorAction.Retry);
        var report = await host.WaitAsync(id);

        Assert.Equal(202, retry.Status);
        Assert.Equal(TransactionState.RolledBack, report.State);
        Assert.Equal(StepState.Compensated, report.Step("a").State);
        Assert.Equal(4, report.Step("a").Compensation!.Attempts);
    }

    [Fact]
    public async Task ParallelStepsAreCompensatedInReverseCompletionOrder()
    {
        host.Emulator.Scripts.Set("workflow:wf-slow", new EmulatorScript { SucceedAfterReads = 6 });
        host.Emulator.Scripts.Set(
            "workflow:wf-join",
            new EmulatorScript { Outcome = ScriptOutcome.Fail });
        var definition = TestDefinitions.Definition(
            "diamond",
            TestDefinitions.Workflow("root"),
            TestDefinitions.Workflow("fast").DependsOn("root"),
            TestDefinitions.Workflow("slow").DependsOn("root"),
            TestDefinitions.Workflow("join").DependsOn("fast", "slow"));

        var id = await host.StartAsync(definition);
        var report = await host.WaitAsync(id);

        Assert.Equal(TransactionState.RolledBack, report.State);
        var completion = report.Steps
            .Where(s => s.CompletedOrder is not null)
            .OrderBy(s => s.CompletedOrder)
            .Select(s => s.Id)
            .ToList();
        Assert.Equal("root", completion[0]);
        Assert.Equal(["fast", "slow"], completion.Skip(1).Order());
        var undone = host.Emulator.Records.WorkflowExecutions
            .Where(e => e.Workflow.StartsWith("undo-", StringComparison.Ordinal))
            .OrderBy(e => e.Sequence)
            .Select(e => e.Workflow["undo-".Length..]);
        Assert.Equal(Enumerable.Reverse(completion), undone);
    }

    [Fact]
    public async Task AStepThatWaits200PollsLeavesTheTransactionHistoryAsShortAsOnePoll()
    {
        host.Emulator.Scripts.Set(
            "workflow:wf-long",
            new EmulatorScript { SucceedAfterReads = 200 });
        var definition = TestDefinitions.Definition("long", TestDefinitions.Workflow("long"));
        definition["defaults"]!["poll"] = new JsonObject
        {
            ["initialInterval"] = "1ms",
            ["maxInterval"] = "2ms",
        };
        var quick = await host.StartAsync(
            TestDefinitions.Definition("quick", TestDefinitions.Workflow("quick")));
        await host.WaitAsync(quick);

        var id = await host.StartAsync(definition);
        var report = await host.WaitAsync(id, seconds: 180);
        var longHistory = await host.Client.GetOrchestrationHistoryAsync(id);
        var quickHistory = await host.Client.GetOrchestrationHistoryAsync(quick);

        Assert.Equal(TransactionState.Committed, report.State);
        Assert.Equal("SUCCEEDED", report.Step("long").RemoteState);
        Assert.True(longHistory.Count <= 30, $"history has {longHistory.Count} events");
        Assert.Equal(quickHistory.Count, longHistory.Count);
    }
}
