namespace SagaBridge.Transactions.Saga;

/// <summary>What an operator decides for a step that waits for one.</summary>
public enum OperatorAction
{
    /// <summary>Run the failed work (step or compensation) again.</summary>
    Retry,

    /// <summary>Give up on it and go on as if it had succeeded.</summary>
    Skip,
}
