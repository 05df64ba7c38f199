using System.Text.Json.Nodes;
using SagaBridge.Activities.Workflows;
using SagaBridge.Emulators.Records;
using SagaBridge.Transactions.Api;

namespace SagaBridge.Cli.Chaos;

/// <summary>
/// Compares how the transactions of a chaos run ended with what the emulated clouds recorded.
/// The records are the ground truth: they hold every create that took effect, including those
/// whose answer was lost or whose caller was killed.
/// </summary>
internal static class ChaosChecker
{
    private const string Succeeded = "SUCCEEDED";
    private const string DataflowDone = "JOB_STATE_DONE";

    /// <param name="kills">Worker processes killed during the run.</param>
    /// <param name="plan">Every transaction started.</param>
    /// <param name="finals">
    /// The last view of each transaction, by id; missing or unfinished views count as lost.
    /// </param>
    /// <param name="executions">Every workflow execution the emulator holds.</param>
    /// <param name="dataflowJobs">Every Dataflow job the emulator holds.</param>
    public static ChaosTally Check(
        int kills,
        IReadOnlyList<ChaosTransaction> plan,
        IReadOnlyDictionary<string, TransactionView> finals,
        IReadOnlyList<WorkflowExecutionRecord> executions,
        IReadOnlyList<DataflowJobRecord> dataflowJobs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(finals);
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(dataflowJobs);

        var findings = new List<string>();
        var duplicateExecutions = executions
            .Where(e => e.Labels.ContainsKey(WorkflowExecutionLabel.Key))
            .GroupBy(e => e.Labels[WorkflowExecutionLabel.Key], StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToList();
        var duplicateJobs = dataflowJobs
            .GroupBy(j => j.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToList();
        findings.AddRange(duplicateExecutions.Select(g =>
            $"duplicate: {g.Count()} executions labelled {g.Key}: " + string.Join(
                ", ",
                g.Select(e => $"#{e.Sequence} {e.Workflow} {e.ArgumentJson} {e.State}"))));
        findings.AddRange(duplicateJobs.Select(g =>
            $"duplicate: {g.Count()} Dataflow jobs named {g.Key}"));
        var duplicates = duplicateExecutions.Sum(g => g.Count() - 1)
            + duplicateJobs.Sum(g => g.Count() - 1);

        var runs = executions
            .Select(RunOf)
            .OfType<RemoteRun>()
            .ToLookup(r => r.TransactionId, StringComparer.Ordinal);

        int committed = 0, rolledBack = 0, cancelled = 0, lost = 0, mismatches = 0;
        foreach (var transaction in plan)
        {
            if (!finals.TryGetValue(transaction.Id, out var view) || !view.Finished)
            {
                lost++;
                findings.Add($"lost: {transaction.Id} did not end");
                continue;
            }

            committed += view.State == "Committed" ? 1 : 0;
            rolledBack += view.State is "RolledBack" or "Cancelled" ? 1 : 0;
            cancelled += view.State == "Cancelled" ? 1 : 0;
            if (view.State != transaction.ExpectedState)
            {
                lost++;
                findings.Add($"lost: {transaction.Id} ({transaction.Outcome} at step "
                    + $"{transaction.TargetStep + 1}) ended {view.State}: {view.Reason}");
            }

            var jobs = dataflowJobs
                .Where(j => j.Name.StartsWith(transaction.Id + "-", StringComparison.Ordinal))
                .ToList();
            if (CompensationMismatch(view, runs[transaction.Id].ToList(), jobs) is { } mismatch)
            {
                mismatches++;
                findings.Add($"compensation: {transaction.Id} {mismatch}");
            }
        }

        return new ChaosTally(
            kills,
            plan.Count,
            committed,
            rolledBack,
            cancelled,
            lost,
            duplicates,
            mismatches)
        {
            Findings = findings,
        };
    }

    /// <summary>
    /// Null when the undo executions, oldest first, name exactly the completed steps newest
    /// first (none for a commit), and the completed steps are exactly the steps whose remote
    /// work succeeded; otherwise what differs.
    /// </summary>
    private static string? CompensationMismatch(
        TransactionView view,
        List<RemoteRun> runs,
        List<DataflowJobRecord> jobs)
    {
        var completed = view.Steps
            .Where(s => s.CompletedOrder is not null)
            .OrderBy(s => s.CompletedOrder)
            .Select(s => s.Id)
            .ToList();

        var expectedUndo = view.State == "Committed"
            ? []
            : Enumerable.Reverse(completed).ToList();
        var actualUndo = runs
            .Where(r => r.Undo)
            .OrderBy(r => r.Sequence)
            .Select(r => r.StepId)
            .ToList();

        var succeededRemotely = runs
            .Where(r => !r.Undo && r.State == Succeeded)
            .Select(r => r.StepId)
            .ToHashSet(StringComparer.Ordinal);
        if (jobs.Any(j => j.State == DataflowDone))
        {
            // The Dataflow job of a transaction is always its first step.
            succeededRemotely.Add(view.Steps[0].Id);
        }

        return expectedUndo.SequenceEqual(actualUndo, StringComparer.Ordinal)
            && succeededRemotely.SetEquals(completed)
                ? null
                : $"ended {view.State}; completed [{string.Join(" ", completed)}], succeeded "
                    + $"remotely [{string.Join(" ", succeededRemotely.Order())}], undone "
                    + $"[{string.Join(" ", actualUndo)}], expected undo "
                    + $"[{string.Join(" ", expectedUndo)}]";
    }

    private static RemoteRun? RunOf(WorkflowExecutionRecord execution)
    {
        var argument = execution.ArgumentJson is null
            ? null
            : JsonNode.Parse(execution.ArgumentJson) as JsonObject;
        if (argument?["transaction"] is not JsonValue transaction
            || argument["step"] is not JsonValue step)
        {
            return null;
        }

        return new RemoteRun(
            transaction.GetValue<string>(),
            step.GetValue<string>(),
            execution.Workflow == ChaosScenario.UndoWorkflow,
            execution.Sequence,
            execution.State);
    }

    /// <summary>A workflow execution of a chaos transaction, as its argument names it.</summary>
    private sealed record RemoteRun(
        string TransactionId,
        string StepId,
        bool Undo,
        long Sequence,
        string State);
}
