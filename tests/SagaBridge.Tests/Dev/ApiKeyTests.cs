using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Standalone;
using SagaBridge.Standalone.Http;

namespace SagaBridge.Tests.Dev;

public sealed class ApiKeyTests(DevHostFixture dev) : IClassFixture<DevHostFixture>
{
    private const string Key = "test-key-5f1c";

    [Fact]
    public async Task ListeningBeyondLoopbackWithoutAKeyIsRefusedBeforeAnythingListens()
    {
        var options = new TransactionHttpHostOptions { Port = 0, BindAddress = IPAddress.Any };

        var refused = await Assert.ThrowsAsync<UnsafeBindingException>(
            () => dev.StartHostAsync(options));

        Assert.Contains("API key", refused.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task AMissingOrWrongKeyIs401ProblemDetails(string? presented)
    {
        await using var host = await dev.StartHostAsync(KeyedOnLoopback());
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        if (presented is not null)
        {
            http.DefaultRequestHeaders.Add("x-api-key", presented);
        }

        using var response = await http.AskAsync("api/transactions");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain(Key, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("x-api-key")]
    [InlineData("x-functions-key")]
    public async Task TheRightKeyInEitherHeaderIsLetThrough(string header)
    {
        await using var host = await dev.StartHostAsync(KeyedOnLoopback());
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        http.DefaultRequestHeaders.Add(header, Key);

        using var response = await http.AskAsync("api/transactions");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(host.RequiresKey);
    }

    [Fact]
    public async Task TheDashboardPageNeedsNoKeyButItsDataDoes()
    {
        await using var host = await dev.StartHostAsync(KeyedOnLoopback());
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        using var page = await http.AskAsync("/");
        using var graph = await http.AskAsync("dashboard/data/transactions/any/graph");

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal(401, (int)graph.StatusCode);
    }

    [Fact]
    public async Task AnUnexpectedFailureIs500ProblemDetailsWithACorrelationIdAndNoInternals()
    {
        var broken = await TransactionEngine.StartAsync(
            new TransactionEngineOptions
            {
                Engine = new StandaloneEngineOptions { InMemory = true },
            },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        await using var host = await TransactionHttpHost.StartAsync(
            broken.Api,
            broken.Client,
            new TransactionHttpHostOptions { Port = 0 },
            NullLoggerFactory.Instance);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        await broken.DisposeAsync();

        using var response = await http.AskAsync("api/transactions/some-id");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var correlationId = response.Headers.GetValues("x-correlation-id").Single();
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(correlationId, body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at ", body);
    }

    // Requiring a key on loopback checks callers exactly as a non-loopback bind would.
    private static TransactionHttpHostOptions KeyedOnLoopback() => new() { Port = 0, ApiKey = Key };
}
