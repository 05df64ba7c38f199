namespace SagaBridge.Transactions.Saga;

/// <summary>External event names; raised by the API and by transactions to their steps.</summary>
public static class EventNames
{
    /// <summary>To a transaction: an operator cancels it.</summary>
    public const string Cancel = "sagabridge.cancel";

    /// <summary>To a step: stop the remote work.</summary>
    public const string Stop = "sagabridge.stop";

    /// <summary>To a step: its remote work reported its end.</summary>
    public const string Callback = "sagabridge.callback";

    /// <summary>To a transaction: an operator's decision for <paramref name="stepId"/>.</summary>
    public static string OperatorDecision(string stepId) => "sagabridge.operator." + stepId;
}
