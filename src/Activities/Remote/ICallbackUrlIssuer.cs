namespace SagaBridge.Activities.Remote;

/// <summary>
/// Issues the signed URL that remote work calls to report its own end. The URL is a bearer
/// credential for one run of one step: whoever holds it can complete that run, nothing else.
/// </summary>
public interface ICallbackUrlIssuer
{
    /// <summary>The callback URL of the work <paramref name="key"/> names.</summary>
    Uri Issue(RemoteWorkKey key);
}
