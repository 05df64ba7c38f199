namespace SagaBridge.Transactions.Saga;

/// <summary>Why remote work runs: for a step itself, or to undo it.</summary>
public static class SagaRoles
{
    public const string Step = "step";

    public const string Compensation = "compensation";
}
