namespace SagaBridge.Standalone.Azurite;

/// <summary>
/// Azurite is needed (the storage is local and nothing answers) but cannot be installed or
/// started. The message says what to do instead.
/// </summary>
public sealed class AzuriteUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that tells the user what to do.</summary>
    public AzuriteUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AzuriteUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AzuriteUnavailableException()
        : base("Azurite is not available.")
    {
    }
}
