namespace SagaBridge.Transactions.Saga;

/// <summary>Where one step stands, including its compensation.</summary>
public enum StepState
{
    /// <summary>Not started yet (or never, when the transaction rolled back first).</summary>
    Pending,

    /// <summary>Its remote work is being started.</summary>
    Starting,

    /// <summary>Its remote work runs; the step waits for it.</summary>
    Running,

    /// <summary>Its remote work is being cancelled or drained.</summary>
    Stopping,

    /// <summary>Its remote work succeeded.</summary>
    Succeeded,

    /// <summary>Its remote work failed or could not be started.</summary>
    Failed,

    /// <summary>Its remote work was stopped before it finished; nothing to undo.</summary>
    Cancelled,

    /// <summary>Failed after the pivot and waits for an operator's retry or skip.</summary>
    AwaitingOperator,

    /// <summary>An operator skipped it after the pivot.</summary>
    Skipped,

    /// <summary>Its compensation runs.</summary>
    Compensating,

    /// <summary>Its effect was undone (or there was nothing to undo).</summary>
    Compensated,

    /// <summary>Its compensation kept failing; waits for an operator's retry or skip.</summary>
    CompensationFailed,

    /// <summary>An operator skipped its compensation.</summary>
    CompensationSkipped,
}
