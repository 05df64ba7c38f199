namespace SagaBridge.Activities.Remote;

/// <summary>Starts, reads and stops one kind of remote work over its cloud's REST API.</summary>
public interface IRemoteWorkDriver
{
    /// <summary>The step kind this driver serves.</summary>
    string Kind { get; }

    /// <summary>
    /// Reconciles, then creates: finds remote work an earlier call created for the same
    /// request and adopts it, and creates it only when none exists. Safe to call repeatedly.
    /// </summary>
    /// <exception cref="PermanentRemoteException">
    /// The cloud refused in a way a retry cannot fix.
    /// </exception>
    /// <exception cref="TransientRemoteException">
    /// The cloud could not answer now; retry later.
    /// </exception>
    Task<RemoteWorkHandle> StartAsync(
        RemoteWorkRequest request,
        CancellationToken cancellationToken);

    /// <summary>Reads the current status. Idempotent.</summary>
    Task<RemoteWorkStatus> GetStatusAsync(
        RemoteWorkHandle handle,
        CancellationToken cancellationToken);

    /// <summary>Cancels (or drains) the work; stopping finished work is not an error.</summary>
    Task StopAsync(RemoteWorkHandle handle, bool drain, CancellationToken cancellationToken);
}
