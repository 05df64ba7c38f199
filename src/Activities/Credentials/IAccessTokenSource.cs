namespace SagaBridge.Activities.Credentials;

/// <summary>
/// Supplies bearer tokens for one cloud. Implementations cache and refresh tokens themselves;
/// callers ask before every request. A token must never be logged or put into an exception.
/// </summary>
public interface IAccessTokenSource
{
    /// <summary>A currently valid access token.</summary>
    /// <exception cref="Remote.TransientRemoteException">The identity provider could not answer
    /// now.</exception>
    /// <exception cref="Remote.PermanentRemoteException">The configured identity cannot get a
    /// token.</exception>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
