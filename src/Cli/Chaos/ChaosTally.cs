using System.Globalization;

namespace SagaBridge.Cli.Chaos;

/// <summary>What a chaos run found comparing its transactions with the clouds' records.</summary>
/// <param name="Kills">Worker processes killed with SIGKILL.</param>
/// <param name="Transactions">Transactions started.</param>
/// <param name="Committed">Transactions that ended Committed.</param>
/// <param name="RolledBack">
/// Transactions that ended rolled back: after a failed step (RolledBack) or an operator's cancel
/// (Cancelled); <see cref="Cancelled"/> says how many of them were cancels.
/// </param>
/// <param name="Cancelled">Transactions that ended Cancelled.</param>
/// <param name="Lost">
/// Transactions that did not end within the deadline or ended in another state than their
/// script implies.
/// </param>
/// <param name="DuplicateRemoteJobs">
/// Remote objects created beyond the first for one piece of work (same execution label or the
/// same Dataflow job name).
/// </param>
/// <param name="CompensationMismatches">
/// Transactions whose undo executions differ from their completed steps in reverse completion
/// order, or whose completed steps differ from the remote work that succeeded.
/// </param>
internal sealed record ChaosTally(
    int Kills,
    int Transactions,
    int Committed,
    int RolledBack,
    int Cancelled,
    int Lost,
    int DuplicateRemoteJobs,
    int CompensationMismatches)
{
    /// <summary>One line per problem found: which transaction or remote object, and how.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>True when nothing was lost, duplicated or undone wrongly.</summary>
    public bool Passed => Lost == 0 && DuplicateRemoteJobs == 0 && CompensationMismatches == 0;

    /// <summary>The line a chaos run ends with; scripts parse it.</summary>
    public string SummaryLine => string.Create(
        CultureInfo.InvariantCulture,
        $"chaos: kills={Kills} transactions={Transactions} committed={Committed} "
        + $"rolledBack={RolledBack} lost={Lost} duplicateRemoteJobs={DuplicateRemoteJobs} "
        + $"compensationMismatches={CompensationMismatches}");
}
