using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Credentials;

/// <summary>Turns an identity library's exception into the failure class callers act on.</summary>
internal static class TokenFailure
{
    public static RemoteWorkException From(string what, Exception failure)
    {
        // Identity libraries put error descriptions in messages, never the token itself, so
        // the message is kept: it is what tells an operator which permission is missing.
        var message = $"Could not obtain {what}: {failure.GetType().Name}: {failure.Message}";

        return IsTransient(failure)
            ? new TransientRemoteException(message, statusCode: null, failure)
            : new PermanentRemoteException(message, statusCode: null, failure);
    }

    private static bool IsTransient(Exception failure)
    {
        for (var current = failure; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or TimeoutException or IOException)
            {
                return true;
            }
        }

        return false;
    }
}
