namespace SagaBridge.Cli.Chaos;

/// <summary>How a chaos transaction is scripted to end.</summary>
internal enum ChaosOutcome
{
    /// <summary>Every step succeeds: the transaction commits and nothing is undone.</summary>
    Commit,

    /// <summary>One step fails: the steps before it are undone, newest first.</summary>
    Fail,

    /// <summary>One step runs until the controller cancels the transaction.</summary>
    Cancel,
}
