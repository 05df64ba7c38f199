using Azure.Core;
using Azure.Identity;
using SagaBridge.Activities.Credentials;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Tests.Activities;

public sealed class AccessTokenSourceTests
{
    [Fact]
    public async Task AzureTokensAreRequestedForTheManagementScope()
    {
        var credential = new RecordingCredential("arm-token");
        var source = new AzureAccessTokenSource(credential);

        var token = await source.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("arm-token", token);
        Assert.Equal(["https://management.azure.com/.default"], credential.Scopes.Single());
    }

    [Fact]
    public async Task SubjectTokenIsAnAzureTokenForTheWorkloadIdentityAudience()
    {
        var credential = new RecordingCredential("azure-jwt");
        var provider = new AzureSubjectTokenProvider(credential, "api://AzureADTokenExchange");

        var token = await provider.GetSubjectTokenAsync(null!, CancellationToken.None);

        Assert.Equal("azure-jwt", token);
        Assert.Equal(["api://AzureADTokenExchange/.default"], credential.Scopes.Single());
    }

    [Fact]
    public async Task IdentityThatCannotAuthenticateFailsPermanently()
    {
        var credential = new RecordingCredential(
            failure: new AuthenticationFailedException("AADSTS700016: application not found"));
        var source = new AzureAccessTokenSource(credential);

        var failure = await Assert.ThrowsAsync<PermanentRemoteException>(
            () => source.GetAccessTokenAsync(CancellationToken.None));

        Assert.Contains("AADSTS700016", failure.Message);
    }

    [Fact]
    public async Task IdentityEndpointThatCannotBeReachedFailsTransiently()
    {
        var credential = new RecordingCredential(failure: new AuthenticationFailedException(
            "managed identity endpoint unreachable",
            new HttpRequestException("connection refused")));
        var source = new AzureAccessTokenSource(credential);

        await Assert.ThrowsAsync<TransientRemoteException>(
            () => source.GetAccessTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task StaticSourceAlwaysAnswersItsToken()
    {
        var source = new StaticAccessTokenSource("emulator");

        Assert.Equal("emulator", await source.GetAccessTokenAsync(CancellationToken.None));
        Assert.Throws<ArgumentException>(() => new StaticAccessTokenSource(""));
    }

    private sealed class RecordingCredential(string? token = null, Exception? failure = null)
        : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(
            TokenRequestContext requestContext,
            CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);

            return failure is null
                ? new AccessToken(token!, DateTimeOffset.UtcNow.AddHours(1))
                : throw failure;
        }

        public override ValueTask<AccessToken> GetTokenAsync(
            TokenRequestContext requestContext,
            CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
