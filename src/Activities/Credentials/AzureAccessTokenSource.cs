using Azure.Core;
using Azure.Identity;
using SagaBridge.Activities.Configuration;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Credentials;

/// <summary>
/// Azure Resource Manager tokens (scope <c>https://management.azure.com/.default</c>) from
/// <see cref="DefaultAzureCredential"/>: the managed identity in Azure, the developer's sign-in
/// elsewhere. Azure.Identity caches and refreshes the tokens.
/// </summary>
public sealed class AzureAccessTokenSource : IAccessTokenSource
{
    /// <summary>The scope every token is requested for.</summary>
    public const string ManagementScope = "https://management.azure.com/.default";

    private readonly TokenCredential credential;

    /// <summary>
    /// Uses <see cref="DefaultAzureCredential"/> configured by <paramref name="options"/>.
    /// </summary>
    public AzureAccessTokenSource(AzureCredentialOptions options)
        : this(CreateDefaultCredential(options))
    {
    }

    /// <summary>Uses the given credential, for hosts that build their own.</summary>
    public AzureAccessTokenSource(TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        this.credential = credential;
    }

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var token = await credential.GetTokenAsync(
                new TokenRequestContext([ManagementScope]),
                cancellationToken);

            return token.Token;
        }
        catch (Exception failure)
            when (failure is not (OperationCanceledException or RemoteWorkException))
        {
            throw TokenFailure.From("an Azure Resource Manager token", failure);
        }
    }

    internal static DefaultAzureCredential CreateDefaultCredential(AzureCredentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = options.ManagedIdentityClientId,
        });
    }
}
