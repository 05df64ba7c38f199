namespace SagaBridge.Transactions.Saga;

/// <summary>
/// The instance id of the orchestration that waits for one run of a step's remote work. It is
/// derived, never stored, so the API and callbacks can address a waiting step directly.
/// </summary>
public static class StepInstanceId
{
    private const string Separator = "::";

    public static string For(string transactionId, string stepId, string role, int attempt) =>
        string.Join(Separator, transactionId, stepId, role, attempt.ToString(
            System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Whether <paramref name="instanceId"/> names a step wait rather than a transaction.
    /// </summary>
    public static bool IsStep(string instanceId) =>
        instanceId.Contains(Separator, StringComparison.Ordinal);
}
