namespace SagaBridge.Transactions.Callbacks;

/// <summary>
/// How callbacks are issued and checked. The hosts read these from the app settings
/// <c>SagaBridge__Callbacks__BaseUrl</c>, <c>SagaBridge__Callbacks__SigningKey</c> and
/// <c>SagaBridge__EventGrid__Secret</c>. A missing key or secret turns the matching callback
/// route off (every call is rejected); polling still finishes every step.
/// </summary>
public sealed class CallbackOptions
{
    /// <summary>The header Event Grid deliveries carry the shared secret in.</summary>
    public const string EventGridSecretHeader = "x-sagabridge-secret";

    /// <summary>Shortest signing key accepted, in characters.</summary>
    public const int MinimumSigningKeyLength = 32;

    /// <summary>
    /// Public base URL of the host (for example <c>https://app.azurewebsites.net</c>); signed
    /// step URLs are <c>{BaseUrl}/api/callbacks/steps/{token}</c>. Null: no URL is issued.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// Key of the HMAC-SHA256 signature of step callback tokens, at least
    /// <see cref="MinimumSigningKeyLength"/> characters. Changing it invalidates every URL
    /// already handed out (those steps then finish by polling).
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// The secret every Event Grid delivery must carry in <see cref="EventGridSecretHeader"/>.
    /// </summary>
    public string? EventGridSecret { get; set; }

    /// <summary>Whether step callback URLs can be issued and checked.</summary>
    public bool CanSign =>
        SigningKey is { Length: >= MinimumSigningKeyLength };
}
