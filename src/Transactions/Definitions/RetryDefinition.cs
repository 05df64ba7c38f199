namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// How often and how patiently a start (or a compensation) is retried after a transient error.
/// The wait before attempt n+1 is <c>InitialInterval * BackoffCoefficient^(n-1)</c>, capped at
/// <see cref="MaxInterval"/>.
/// </summary>
/// <param name="MaxAttempts">Attempts in total, the first included; at least 1.</param>
/// <param name="InitialInterval">Wait before the second attempt.</param>
/// <param name="BackoffCoefficient">Growth of the wait per attempt; at least 1.</param>
/// <param name="MaxInterval">Longest wait between two attempts.</param>
public sealed record RetryDefinition(
    int MaxAttempts,
    TimeSpan InitialInterval,
    double BackoffCoefficient,
    TimeSpan MaxInterval)
{
    /// <summary>
    /// What a definition gets when it says nothing: 3 attempts, 5s, doubling, at most 5m.
    /// </summary>
    public static RetryDefinition Default { get; } =
        new(3, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(5));
}
