using Microsoft.Extensions.Options;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Transactions.Callbacks;

/// <summary>
/// Issues <c>{BaseUrl}/api/callbacks/steps/{token}</c> URLs whose token is a
/// <see cref="StepCallbackToken"/>. Registered by
/// <c>AddSagaBridgeCallbacks</c> only when a base URL and a signing
/// key are configured.
/// </summary>
public sealed class SignedCallbackUrls : ICallbackUrlIssuer
{
    /// <summary>The route below the base URL, before the token.</summary>
    public const string RoutePrefix = "api/callbacks/steps/";

    private readonly Uri baseUrl;
    private readonly string signingKey;

    public SignedCallbackUrls(IOptions<CallbackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var value = options.Value;
        if (value.BaseUrl is null || !value.CanSign)
        {
            throw new InvalidOperationException(
                "Signed callback URLs need SagaBridge:Callbacks:BaseUrl and a "
                + $"SagaBridge:Callbacks:SigningKey of at least "
                + $"{CallbackOptions.MinimumSigningKeyLength} characters.");
        }

        baseUrl = value.BaseUrl.AbsoluteUri.EndsWith('/')
            ? value.BaseUrl
            : new Uri(value.BaseUrl.AbsoluteUri + "/");
        signingKey = value.SigningKey!;
    }

    public Uri Issue(RemoteWorkKey key) =>
        new(baseUrl, RoutePrefix + StepCallbackToken.Sign(key, signingKey));
}
