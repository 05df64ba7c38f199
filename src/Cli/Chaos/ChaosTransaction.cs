namespace SagaBridge.Cli.Chaos;

/// <summary>One transaction of a chaos run and the end its script implies.</summary>
/// <param name="Id">The transaction id.</param>
/// <param name="Outcome">How its script makes it end.</param>
/// <param name="StepIds">Its steps, in the order they run (each depends on the one before).</param>
/// <param name="TargetStep">
/// Index of the step that fails or is cancelled; equals the number of steps for a commit.
/// </param>
internal sealed record ChaosTransaction(
    string Id,
    ChaosOutcome Outcome,
    IReadOnlyList<string> StepIds,
    int TargetStep)
{
    /// <summary>The final <c>TransactionState</c> name the script implies.</summary>
    public string ExpectedState => Outcome switch
    {
        ChaosOutcome.Commit => "Committed",
        ChaosOutcome.Fail => "RolledBack",
        _ => "Cancelled",
    };
}
