namespace SagaBridge.Standalone.Http;

/// <summary>
/// The host was asked to listen on a non-loopback address without an API key; it refuses
/// rather than expose the transaction API to the network unguarded.
/// </summary>
public sealed class UnsafeBindingException : Exception
{
    /// <summary>Creates the exception with a message that tells the user what to do.</summary>
    public UnsafeBindingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public UnsafeBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public UnsafeBindingException()
        : base("Listening beyond loopback requires an API key.")
    {
    }
}
