using System.Text.Json.Nodes;

namespace SagaBridge.Tests.Dev;

public sealed class TransactionHttpHostTests(DevHostFixture dev) : IClassFixture<DevHostFixture>
{
    private HttpClient Http => dev.Http;

    [Fact]
    public async Task StartingByNameAnswers202WithLocationAndTheTransactionEndsCommittedWith200()
    {
        var id = DevHostFixture.NewId("start");

        using var started = await Http.PostAsync(
            "api/definitions/pipeline/transactions",
            new JsonObject { ["id"] = id }.ToJsonString());
        var ended = await Http.WaitForEndAsync(id);

        Assert.Equal(202, (int)started.StatusCode);
        Assert.Equal($"/api/transactions/{id}", started.Headers.Location!.OriginalString);
        Assert.Equal("2", started.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/json", started.Content.Headers.ContentType!.MediaType);
        Assert.Equal(id, (string?)(await started.JsonAsync())["id"]);
        Assert.Equal("Committed", (string?)ended["state"]);
        Assert.All(ended["steps"]!.AsArray(), s => Assert.Equal("Succeeded", (string?)s!["state"]));
    }

    [Fact]
    public async Task StartingTheSameIdTwiceMeetsTheSameTransaction()
    {
        var id = await Http.StartAsync(DevHostFixture.Pipeline);
        await Http.WaitForEndAsync(id);

        using var again = await Http.PostAsync(
            "api/definitions/pipeline/transactions",
            new JsonObject { ["id"] = id }.ToJsonString());

        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal("Committed", (string?)(await again.JsonAsync())["state"]);
    }

    [Fact]
    public async Task ARunningTransactionAnswers202WithRetryAfterAndTakesACancel()
    {
        var id = await Http.StartAsync(DevHostFixture.Held);

        using var running = await Http.AskAsync($"api/transactions/{id}");
        await Http.WaitForStepAsync(id, "wait", "Running");
        using var cancel = await Http.PostAsync(
            $"api/transactions/{id}/cancel",
            """{"reason":"test"}""");
        await Http.WaitUntilAsync(id, t => ((string?)t["reason"])?.Contains("test") == true);

        Assert.Equal(202, (int)running.StatusCode);
        Assert.Equal("2", running.Headers.GetValues("Retry-After").Single());
        Assert.Contains(
            (string?)(await running.JsonAsync())["state"],
            new[] { "Pending", "Running" });
        Assert.Equal(202, (int)cancel.StatusCode);
        Assert.Equal("2", cancel.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task CancellingAnEndedTransactionIs410ProblemDetails()
    {
        var id = await Http.StartAsync(DevHostFixture.Pipeline);
        await Http.WaitForEndAsync(id);

        using var late = await Http.PostAsync($"api/transactions/{id}/cancel");

        Assert.Equal(410, (int)late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Committed", (string?)(await late.JsonAsync())["detail"]);
    }

    [Fact]
    public async Task AFailingStepEndsTheTransactionRolledBackWith200()
    {
        var id = await Http.StartAsync(DevHostFixture.Failing);

        var ended = await Http.WaitForEndAsync(id);

        Assert.Equal("RolledBack", (string?)ended["state"]);
        var x = ended["steps"]!.AsArray().Single(s => (string?)s!["id"] == "x")!;
        Assert.Equal("Compensated", (string?)x["state"]);
        Assert.Equal(1, (int?)x["compensation"]!["order"]);
    }

    [Fact]
    public async Task StartingAnInlineDefinitionAnswers202()
    {
        var body = new JsonObject
        {
            ["definition"] = Saga.TestDefinitions.Chain("inline", "solo"),
            ["id"] = DevHostFixture.NewId("inline"),
        };

        using var started = await Http.PostAsync("api/transactions", body.ToJsonString());

        Assert.Equal(202, (int)started.StatusCode);
        Assert.Equal("inline", (string?)(await started.JsonAsync())["definition"]);
    }

    [Fact]
    public async Task TheListShowsTransactionsAndFiltersByState()
    {
        var id = await Http.StartAsync(DevHostFixture.Pipeline);
        await Http.WaitForEndAsync(id);

        using var committed = await Http.AskAsync("api/transactions?state=Committed");
        using var running = await Http.AskAsync("api/transactions?state=Running");

        Assert.Equal(200, (int)committed.StatusCode);
        Assert.Contains(id, Ids(await committed.JsonAsync()));
        Assert.DoesNotContain(id, Ids(await running.JsonAsync()));
    }

    [Theory]
    [InlineData("GET", "api/transactions/no-such-id")]
    [InlineData("POST", "api/transactions/no-such-id/cancel")]
    [InlineData("POST", "api/definitions/no-such-definition/transactions")]
    [InlineData("POST", "api/transactions/no-such-id/steps/a/retry")]
    public async Task AnUnknownTransactionOrDefinitionIs404ProblemDetails(
        string method,
        string path)
    {
        using var response = method == "GET"
            ? await Http.GetAsync(new Uri(path, UriKind.Relative))
            : await Http.PostAsync(path);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, (int?)(await response.JsonAsync())["status"]);
    }

    [Theory]
    [InlineData("pipeline", "{", "$")]
    [InlineData("pipeline", """{"id": 7}""", "$.id")]
    [InlineData("pipeline", """{"inptu": {}}""", "$.inptu")]
    [InlineData("typed", """{"input": {"rows": "many"}}""", "$.input.dataset")]
    [InlineData("typed", """{"input": {"rows": "many"}}""", "$.input.rows")]
    public async Task ABadStartIs400ProblemDetailsNamingTheField(
        string definition,
        string body,
        string path)
    {
        using var response = await Http.PostAsync(
            $"api/definitions/{definition}/transactions",
            body);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.JsonAsync())["errors"]!.AsArray();
        Assert.Contains(errors, e => (string?)e!["path"] == path);
    }

    [Fact]
    public async Task AnUnknownStateFilterIs400NamingTheParameter()
    {
        using var response = await Http.AskAsync("api/transactions?state=Sideways");

        Assert.Equal(400, (int)response.StatusCode);
        var error = Assert.Single((await response.JsonAsync())["errors"]!.AsArray());
        Assert.Equal("state", (string?)error!["path"]);
    }

    [Fact]
    public async Task RetryingAStepThatWaitsForNoOperatorIs409()
    {
        var id = await Http.StartAsync(DevHostFixture.Held);
        await Http.WaitForStepAsync(id, "wait", "Running");

        using var retry = await Http.PostAsync($"api/transactions/{id}/steps/wait/retry");
        using var skipGhost = await Http.PostAsync($"api/transactions/{id}/steps/ghost/skip");
        using var cancel = await Http.PostAsync($"api/transactions/{id}/cancel");

        Assert.Equal(409, (int)retry.StatusCode);
        Assert.Equal(404, (int)skipGhost.StatusCode);
        Assert.Equal(202, (int)cancel.StatusCode);
    }

    [Fact]
    public async Task TheDefinitionsListNamesEveryLoadedDefinition()
    {
        using var response = await Http.AskAsync("api/definitions");

        Assert.Equal(200, (int)response.StatusCode);
        var names = (await response.JsonAsync())["definitions"]!.AsArray()
            .Select(d => (string?)d!["name"]);
        Assert.Equal(["failing", "held", "pipeline", "typed"], names.Order());
    }

    private static List<string?> Ids(JsonNode page) =>
        page["items"]!.AsArray().Select(t => (string?)t!["id"]).ToList();
}
