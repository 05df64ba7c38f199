namespace SagaBridge.Activities.Remote;

/// <summary>The remote API refused in a way a retry cannot fix (400, 401, 403, 404, ...).</summary>
public sealed class PermanentRemoteException : RemoteWorkException
{
    public PermanentRemoteException(string message, int? statusCode, Exception? inner = null)
        : base(message, statusCode, inner)
    {
    }
}
