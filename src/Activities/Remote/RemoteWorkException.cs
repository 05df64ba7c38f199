namespace SagaBridge.Activities.Remote;

/// <summary>A remote API call failed.</summary>
public abstract class RemoteWorkException : Exception
{
    protected RemoteWorkException(string message, int? statusCode, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the remote API answered, when it answered.</summary>
    public int? StatusCode { get; }
}
