using SagaBridge.Activities.Workflows;
using SagaBridge.Cli.Chaos;
using SagaBridge.Emulators.Records;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Chaos;

public sealed class ChaosCheckerTests
{
    private static readonly string[] ThreeSteps = ["s1", "s2", "s3"];

    [Fact]
    public void ARunWhereEveryTransactionEndedAsScriptedFindsNothingWrong()
    {
        var plan = new[] { Commit("t1"), Failure("t2", failingStep: 2) };
        var finals = Finals(
            View("t1", "Committed", ("s1", 1), ("s2", 2), ("s3", 3)),
            View("t2", "RolledBack", ("s1", 1), ("s2", 2), ("s3", null)));
        var executions = new Executions()
            .Step("t1", "s1").Step("t1", "s2").Step("t1", "s3")
            .Step("t2", "s1").Step("t2", "s2").Step("t2", "s3", "FAILED")
            .Undo("t2", "s2").Undo("t2", "s1");

        var tally = ChaosChecker.Check(4, plan, finals, executions.Records, []);

        Assert.Equal(
            "chaos: kills=4 transactions=2 committed=1 rolledBack=1 lost=0 "
            + "duplicateRemoteJobs=0 compensationMismatches=0",
            tally.SummaryLine);
        Assert.True(tally.Passed);
    }

    [Fact]
    public void AnExecutionLabelOrDataflowJobNameSeenTwiceCountsAsADuplicate()
    {
        var plan = new[] { Commit("t1") };
        var finals = Finals(View("t1", "Committed", ("s1", 1), ("s2", 2), ("s3", 3)));
        var executions = new Executions()
            .Step("t1", "s1").Step("t1", "s2").Step("t1", "s2").Step("t1", "s3");
        var job = new DataflowJobRecord(
            99,
            "gs://templates/x.json",
            "t1-abc",
            "id-1",
            "JOB_STATE_FAILED",
            [],
            DateTimeOffset.UtcNow);
        DataflowJobRecord[] jobs = [job, job with { Id = "id-2" }];

        var tally = ChaosChecker.Check(0, plan, finals, executions.Records, jobs);

        Assert.Equal(2, tally.DuplicateRemoteJobs);
        Assert.False(tally.Passed);
    }

    [Fact]
    public void UndoInCompletionOrderInsteadOfNewestFirstIsAMismatch()
    {
        var plan = new[] { Failure("t1", failingStep: 2) };
        var finals = Finals(View("t1", "RolledBack", ("s1", 1), ("s2", 2), ("s3", null)));
        var executions = new Executions()
            .Step("t1", "s1").Step("t1", "s2").Step("t1", "s3", "FAILED")
            .Undo("t1", "s1").Undo("t1", "s2");

        var tally = ChaosChecker.Check(0, plan, finals, executions.Records, []);

        Assert.Equal(1, tally.CompensationMismatches);
        Assert.Equal(0, tally.Lost);
    }

    [Fact]
    public void ACompletedStepUndoneTwiceOrACommittedStepUndoneIsAMismatch()
    {
        var plan = new[] { Failure("t1", failingStep: 1), Commit("t2") };
        var finals = Finals(
            View("t1", "RolledBack", ("s1", 1), ("s2", null), ("s3", null)),
            View("t2", "Committed", ("s1", 1), ("s2", 2), ("s3", 3)));
        var executions = new Executions()
            .Step("t1", "s1").Step("t1", "s2", "FAILED").Undo("t1", "s1").Undo("t1", "s1")
            .Step("t2", "s1").Step("t2", "s2").Step("t2", "s3").Undo("t2", "s3");

        var tally = ChaosChecker.Check(0, plan, finals, executions.Records, []);

        Assert.Equal(2, tally.CompensationMismatches);
    }

    [Fact]
    public void AStepWhoseRemoteWorkSucceededButIsNotReportedCompletedIsAMismatch()
    {
        var plan = new[] { Failure("t1", failingStep: 2) };
        var finals = Finals(View("t1", "RolledBack", ("s1", 1), ("s2", null), ("s3", null)));
        var executions = new Executions()
            .Step("t1", "s1").Step("t1", "s2").Step("t1", "s3", "FAILED").Undo("t1", "s1");

        var tally = ChaosChecker.Check(0, plan, finals, executions.Records, []);

        Assert.Equal(1, tally.CompensationMismatches);
    }

    [Fact]
    public void AnUnfinishedMissingOrWronglyEndedTransactionIsLost()
    {
        var plan = new[]
        {
            Commit("t1"),
            Commit("t2"),
            Failure("t3", failingStep: 0),
            Commit("t4"),
        };
        var finals = Finals(
            View("t1", "Running", ("s1", 1), ("s2", null), ("s3", null)),
            View("t3", "Committed", ("s1", 1), ("s2", 2), ("s3", 3)),
            View("t4", "Committed", ("s1", 1), ("s2", 2), ("s3", 3)));
        var executions = new Executions()
            .Step("t1", "s1")
            .Step("t3", "s1").Step("t3", "s2").Step("t3", "s3")
            .Step("t4", "s1").Step("t4", "s2").Step("t4", "s3");

        var tally = ChaosChecker.Check(0, plan, finals, executions.Records, []);

        Assert.Equal(3, tally.Lost);
        Assert.Equal(2, tally.Committed);
        Assert.False(tally.Passed);
    }

    private static ChaosTransaction Commit(string id) =>
        new(id, ChaosOutcome.Commit, ThreeSteps, ThreeSteps.Length);

    private static ChaosTransaction Failure(string id, int failingStep) =>
        new(id, ChaosOutcome.Fail, ThreeSteps, failingStep);

    private static Dictionary<string, TransactionView> Finals(params TransactionView[] views) =>
        views.ToDictionary(v => v.Id);

    private static TransactionView View(
        string id,
        string state,
        params (string Id, int? CompletedOrder)[] steps) => new(
            id,
            "chaos",
            "1",
            state,
            state == "Running" ? "Running" : "Completed",
            state != "Running",
            null,
            "chaos",
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow,
            null,
            steps.Select(s => new StepReport
            {
                Id = s.Id,
                Kind = "gcp.workflow",
                CompletedOrder = s.CompletedOrder,
                State = s.CompletedOrder is null ? StepState.Failed : StepState.Succeeded,
            }).ToList());

    /// <summary>Workflow executions as the emulator would hold them, in creation order.</summary>
    private sealed class Executions
    {
        private readonly List<WorkflowExecutionRecord> records = [];

        public IReadOnlyList<WorkflowExecutionRecord> Records => records;

        public Executions Step(string transaction, string step, string state = "SUCCEEDED") =>
            Add("chaos-ok", transaction, step, "step", state);

        public Executions Undo(string transaction, string step) =>
            Add(ChaosScenario.UndoWorkflow, transaction, step, "compensation", "SUCCEEDED");

        private Executions Add(
            string workflow,
            string transaction,
            string step,
            string role,
            string state)
        {
            // Repeats of the same work carry the same label, as a duplicate create would.
            var label = $"{transaction}-{step}-{role}";
            records.Add(new WorkflowExecutionRecord(
                records.Count + 1,
                workflow,
                $"executions/{records.Count + 1}",
                new Dictionary<string, string> { [WorkflowExecutionLabel.Key] = label },
                $$"""{"transaction":"{{transaction}}","step":"{{step}}"}""",
                state,
                DateTimeOffset.UtcNow,
                null));

            return this;
        }
    }
}
