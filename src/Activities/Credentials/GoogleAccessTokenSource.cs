using Azure.Core;
using Google.Apis.Auth.OAuth2;
using SagaBridge.Activities.Configuration;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Credentials;

/// <summary>
/// Google tokens scoped to <c>cloud-platform</c>: from application default credentials, or
/// from an Azure managed identity through workload identity federation when
/// <see cref="GoogleCredentialOptions.WorkloadIdentityAudience"/> is set; optionally
/// impersonating <see cref="GoogleCredentialOptions.ServiceAccountEmail"/>. The credential is
/// built on first use, and Google.Apis.Auth caches and refreshes its tokens.
/// </summary>
public sealed class GoogleAccessTokenSource : IAccessTokenSource
{
    /// <summary>The OAuth scope every token carries.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private const string JwtTokenType = "urn:ietf:params:oauth:token-type:jwt";

    private readonly GoogleCredentialOptions options;

    private readonly Func<TokenCredential> azureCredential;

    private readonly Lock gate = new();

    private Task<GoogleCredential>? credential;

    /// <param name="options">Which identity to use.</param>
    /// <param name="azureCredential">
    /// Builds the Azure identity whose token is federated; only called when federation is
    /// configured.
    /// </param>
    public GoogleAccessTokenSource(
        GoogleCredentialOptions options,
        Func<TokenCredential> azureCredential)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(azureCredential);

        this.options = options;
        this.azureCredential = azureCredential;
    }

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var ready = await Credential().WaitAsync(cancellationToken);
            ITokenAccess access = ready;

            return await access.GetAccessTokenForRequestAsync(
                authUri: null,
                cancellationToken: cancellationToken);
        }
        catch (Exception failure)
            when (failure is not (OperationCanceledException or RemoteWorkException))
        {
            throw TokenFailure.From("a Google access token", failure);
        }
    }

    /// <summary>
    /// The credential, built once; a failed build (no application default credentials yet,
    /// metadata server unreachable) is tried again on the next call instead of being cached.
    /// </summary>
    private Task<GoogleCredential> Credential()
    {
        lock (gate)
        {
            if (credential is null || credential.IsFaulted || credential.IsCanceled)
            {
                credential = CreateCredentialAsync();
            }

            return credential;
        }
    }

    /// <summary>Builds the credential the options describe, without asking for a token.</summary>
    internal async Task<GoogleCredential> CreateCredentialAsync()
    {
        var baseCredential = string.IsNullOrWhiteSpace(options.WorkloadIdentityAudience)
            ? await GoogleCredential.GetApplicationDefaultAsync()
            : CreateFederatedCredential(options.WorkloadIdentityAudience);

        var scoped = baseCredential.CreateScoped(CloudPlatformScope);

        if (string.IsNullOrWhiteSpace(options.ServiceAccountEmail))
        {
            return scoped;
        }

        var impersonation = new ImpersonatedCredential.Initializer(options.ServiceAccountEmail)
        {
            Scopes = [CloudPlatformScope],
        };

        return scoped.Impersonate(impersonation);
    }

    private GoogleCredential CreateFederatedCredential(string workloadIdentityAudience)
    {
        var subjectTokens = new AzureSubjectTokenProvider(
            azureCredential(),
            options.SubjectTokenAudience);

        var initializer = new ProgrammaticExternalAccountCredential.Initializer(
            options.SecurityTokenServiceUrl.ToString(),
            workloadIdentityAudience,
            JwtTokenType,
            subjectTokens);

        return GoogleCredential.FromProgrammaticExternalAccountCredential(
            new ProgrammaticExternalAccountCredential(initializer));
    }
}
