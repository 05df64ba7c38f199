using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SagaBridge.FunctionApp.Http;
using SagaBridge.Tests.Saga;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Tests.FunctionApp;

/// <summary>The Function App's HTTP trigger methods, called directly with a real client.</summary>
public sealed class TransactionEndpointsTests : IAsyncLifetime
{
    private SagaHost host = null!;
    private TransactionEndpoints endpoints = null!;

    public async Task InitializeAsync()
    {
        var catalog = DefinitionCatalog.Of(
            DefinitionLoader.Load(TestDefinitions.Chain("pipeline", "a").ToJsonString()));
        host = await SagaHost.StartAsync(catalog);
        endpoints = new TransactionEndpoints(catalog);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task StartByNameAnswers202WithLocationThenGetAnswers200WithTheStepTable()
    {
        var start = Request("""{"id":"fn-1"}""");

        var started = (ContentResult)await endpoints.StartByName(start, host.Client, "pipeline");
        await host.WaitAsync("fn-1");
        var get = Request(null);
        var got = (ContentResult)await endpoints.Get(get, host.Client, "fn-1");

        Assert.Equal(202, started.StatusCode);
        Assert.Equal("/api/transactions/fn-1", start.HttpContext.Response.Headers.Location);
        Assert.Equal(200, got.StatusCode);
        Assert.Equal("application/json", got.ContentType);
        var body = JsonNode.Parse(got.Content!)!;
        Assert.Equal("Committed", body["state"]!.GetValue<string>());
        Assert.Equal("Succeeded", body["steps"]![0]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABadBodyIsAProblemDetailsAnswerNamingTheField()
    {
        var result = (ContentResult)await endpoints.StartInline(
            Request("""{"input":{}}"""),
            host.Client);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
        var problem = JsonNode.Parse(result.Content!)!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Equal("$.definition", problem["errors"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task CancelAndSkipOfAnUnknownTransactionAre404()
    {
        var cancel = (ContentResult)await endpoints.Cancel(Request(null), host.Client, "ghost");
        var skip = (ContentResult)await endpoints.Skip(Request(null), host.Client, "ghost", "a");

        Assert.Equal(404, cancel.StatusCode);
        Assert.Equal(404, skip.StatusCode);
    }

    [Fact]
    public async Task ListAndDefinitionsAnswer200()
    {
        var list = (ContentResult)await endpoints.List(Request(null), host.Client);
        var definitions = (ContentResult)endpoints.ListDefinitions(Request(null), host.Client);

        Assert.Equal(200, list.StatusCode);
        Assert.Equal(200, definitions.StatusCode);
        Assert.Equal(
            "pipeline",
            JsonNode.Parse(definitions.Content!)!["definitions"]![0]!["name"]!
                .GetValue<string>());
    }

    private static HttpRequest Request(string? body)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? ""));

        return context.Request;
    }
}
