using Azure.Core;
using Google.Apis.Auth.OAuth2;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Credentials;

/// <summary>
/// Supplies the Azure managed-identity token that Google's security token service exchanges
/// for a Google token (workload identity federation). A static <c>credential_source</c> cannot
/// do this on Azure Functions, whose identity endpoint needs a per-process header.
/// </summary>
public sealed class AzureSubjectTokenProvider
    : ProgrammaticExternalAccountCredential.ISubjectTokenProvider
{
    private readonly TokenCredential azureCredential;

    private readonly string scope;

    /// <param name="azureCredential">The Azure identity whose token is exchanged.</param>
    /// <param name="audience">
    /// The application ID URI the workload identity provider accepts as audience.
    /// </param>
    public AzureSubjectTokenProvider(TokenCredential azureCredential, string audience)
    {
        ArgumentNullException.ThrowIfNull(azureCredential);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);

        this.azureCredential = azureCredential;
        scope = audience.TrimEnd('/') + "/.default";
    }

    public async Task<string> GetSubjectTokenAsync(
        ProgrammaticExternalAccountCredential caller,
        CancellationToken taskCancellationToken)
    {
        try
        {
            var token = await azureCredential.GetTokenAsync(
                new TokenRequestContext([scope]),
                taskCancellationToken);

            return token.Token;
        }
        catch (Exception failure)
            when (failure is not (OperationCanceledException or RemoteWorkException))
        {
            throw TokenFailure.From("an Azure token to federate with Google", failure);
        }
    }
}
