using SagaBridge.Emulators.Scripting;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Saga;

public sealed class SagaOutcomeTests : IAsyncLifetime
{
    private SagaHost host = null!;

    public async Task InitializeAsync() => host = await SagaHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EveryStepSucceedingCommitsAndCompensatesNothing()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            SucceedAfterReads = 2,
            ResultJson = """{"modelUri":"gs://models/m1"}""",
        });
        var definition = TestDefinitions.Definition(
            "commit",
            TestDefinitions.Dataflow("prepare", "gs://templates/prepare.json"),
            TestDefinitions.Workflow("train"),
            TestDefinitions.Workflow(
                "publish",
                argument: new System.Text.Json.Nodes.JsonObject
                {
                    ["model"] = "{{steps.train.output.modelUri}}",
                }));

        var id = await host.StartAsync(definition);
        var report = await host.WaitAsync(id);

        Assert.Equal(TransactionState.Committed, report.State);
        Assert.All(report.Steps, s => Assert.Equal(StepState.Succeeded, s.State));
        Assert.Equal([1, 2, 3], report.Steps.Select(s => s.CompletedOrder ?? 0));
        Assert.DoesNotContain(
            host.Emulator.Records.WorkflowExecutions,
            e => e.Workflow.StartsWith("undo-", StringComparison.Ordinal));
        var publish = host.Emulator.Records.WorkflowExecutions
            .Single(e => e.Workflow == "wf-publish");
        Assert.Contains("gs://models/m1", publish.ArgumentJson);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AFailureRollsBackExactlyTheCompletedStepsNewestFirst(int failing)
    {
        string[] steps = ["a", "b", "c", "d"];
        host.Emulator.Scripts.Set($"workflow:wf-{steps[failing]}", new EmulatorScript
        {
            Outcome = ScriptOutcome.Fail,
            ErrorMessage = "model accuracy too low",
        });

        var id = await host.StartAsync(TestDefinitions.Chain("fail-at-" + failing, steps));
        var report = await host.WaitAsync(id);

        Assert.Equal(TransactionState.RolledBack, report.State);
        Assert.Equal(StepState.Failed, report.Step(steps[failing]).State);
        Assert.Contains("model accuracy too low", report.Step(steps[failing]).LastError);
        var undone = host.Emulator.Records.WorkflowExecutions
            .Where(e => e.Workflow.StartsWith("undo-", StringComparison.Ordinal))
            .OrderBy(e => e.Sequence)
            .Select(e => e.Workflow["undo-".Length..])
            .ToList();
        Assert.Equal(steps.Take(failing).Reverse(), undone);
        Assert.All(
            steps.Take(failing),
            s => Assert.Equal(StepState.Compensated, report.Step(s).State));
        Assert.All(
            steps.Skip(failing + 1),
            s => Assert.Equal(StepState.Pending, report.Step(s).State));
    }
}
