using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Configuration;
using SagaBridge.Activities.Credentials;

namespace SagaBridge.Tests.Activities;

public sealed class GoogleFederationTests
{
    private const string Audience = "//iam.googleapis.com/projects/123/locations/global/"
        + "workloadIdentityPools/pool/providers/azure";

    [Fact]
    public async Task FederatedSourceExchangesTheAzureTokenAtTheSecurityTokenService()
    {
        var exchanges = new List<IFormCollection>();
        await using var sts = await StartStsAsync(exchanges);
        var options = new GoogleCredentialOptions
        {
            WorkloadIdentityAudience = Audience,
            SubjectTokenAudience = "api://sagabridge-gcp",
            SecurityTokenServiceUrl = new Uri(Url(sts) + "v1/token"),
        };
        var azure = new FixedCredential("azure-managed-identity-jwt");
        var source = new GoogleAccessTokenSource(options, () => azure);

        var token = await source.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("google-token-from-sts", token);
        var exchange = Assert.Single(exchanges);
        Assert.Equal("urn:ietf:params:oauth:grant-type:token-exchange", exchange["grant_type"]);
        Assert.Equal(Audience, exchange["audience"]);
        Assert.Equal("azure-managed-identity-jwt", exchange["subject_token"]);
        Assert.Equal("urn:ietf:params:oauth:token-type:jwt", exchange["subject_token_type"]);
        Assert.Contains(GoogleAccessTokenSource.CloudPlatformScope, exchange["scope"].ToString());
        Assert.Equal(["api://sagabridge-gcp/.default"], azure.Scopes.Single());
    }

    private static async Task<WebApplication> StartStsAsync(List<IFormCollection> exchanges)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapPost("/v1/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            lock (exchanges)
            {
                exchanges.Add(form);
            }

            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = "google-token-from-sts",
                ["issued_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
            });
        });

        await app.StartAsync();
        return app;
    }

    private static string Url(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single().TrimEnd('/') + "/";

    private sealed class FixedCredential(string token) : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(
            TokenRequestContext requestContext,
            CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.Add(requestContext.Scopes);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(
            TokenRequestContext requestContext,
            CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
