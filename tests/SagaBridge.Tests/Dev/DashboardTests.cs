namespace SagaBridge.Tests.Dev;

public sealed class DashboardTests(DevHostFixture dev) : IClassFixture<DevHostFixture>
{
    private HttpClient Http => dev.Http;

    [Fact]
    public async Task TheDashboardPageIsServedAtTheRootAndLoadsItsScript()
    {
        using var response = await Http.AskAsync("/");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"dashboard/app.js\"></script>", html);
        Assert.Contains("dashboard/app.css", html);
    }

    [Fact]
    public async Task TheDashboardScriptCallsTheApiItsButtonsNeed()
    {
        using var response = await Http.AskAsync("dashboard/app.js");

        Assert.Equal(200, (int)response.StatusCode);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("api/transactions?", script);
        Assert.Contains("/cancel", script);
        Assert.Contains("[\"retry\", \"skip\"]", script);
        Assert.Contains("x-api-key", script);
        Assert.Contains("refreshMs = 2000", script);
    }

    [Fact]
    public async Task TheStepGraphPutsEachStepInTheStageAfterTheStepsItDependsOn()
    {
        var id = await Http.StartAsync(DevHostFixture.Pipeline);

        using var response = await Http.AskAsync($"dashboard/data/transactions/{id}/graph");

        Assert.Equal(200, (int)response.StatusCode);
        var steps = (await response.JsonAsync())["steps"]!.AsArray();
        Assert.Equal(["a", "b"], steps.Select(s => (string?)s!["id"]));
        Assert.Equal([0, 1], steps.Select(s => (int)s!["stage"]!));
        Assert.Equal(["a"], steps[1]!["dependsOn"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public async Task TheStepGraphOfAnUnknownTransactionIs404()
    {
        using var response = await Http.AskAsync("dashboard/data/transactions/no-such-id/graph");

        Assert.Equal(404, (int)response.StatusCode);
    }
}
