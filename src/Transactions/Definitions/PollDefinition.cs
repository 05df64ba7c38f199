namespace SagaBridge.Transactions.Definitions;

/// <summary>How the state of running remote work is polled while waiting for it.</summary>
/// <param name="InitialInterval">First wait between two reads; it doubles after each read.</param>
/// <param name="MaxInterval">Longest wait between two reads when no callback is expected.</param>
/// <param name="CallbackInterval">
/// Wait between two safety-net reads when the remote work will call back on completion.
/// </param>
public sealed record PollDefinition(
    TimeSpan InitialInterval,
    TimeSpan MaxInterval,
    TimeSpan CallbackInterval)
{
    /// <summary>What a definition gets when it says nothing: 5s, 5m, 15m.</summary>
    public static PollDefinition Default { get; } =
        new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));
}
