namespace SagaBridge.Activities.Remote;

/// <summary>
/// The remote API could not answer now (503, 504, 429, time-out); a retry may succeed.
/// </summary>
public sealed class TransientRemoteException : RemoteWorkException
{
    public TransientRemoteException(string message, int? statusCode, Exception? inner = null)
        : base(message, statusCode, inner)
    {
    }

    /// <summary>
    /// How long the remote API asked callers to wait before trying again (RetryInfo or
    /// Retry-After), when it said so; a durable timer of that length is the polite retry.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}
