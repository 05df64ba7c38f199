namespace SagaBridge.Activities.Configuration;

/// <summary>
/// How reads (get, list) ride out throttling and outages inside one activity. Creates are never
/// retried here: a failed create is reconciled instead.
/// </summary>
public sealed class RemoteCallRetryOptions
{
    /// <summary>Attempts of one read, the first included.</summary>
    public int MaxReadAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; it doubles with each further attempt.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest wait between attempts. When the server asks for a longer one (RetryInfo or
    /// Retry-After), the read fails as transient at once so the orchestrator can wait durably.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);
}
