using System.Text.Json.Nodes;

namespace SagaBridge.Tests.FunctionApp;

/// <summary>The functions the Functions host will index, read from the built metadata.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonArray Functions = (JsonArray)JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!;

    public static TheoryData<string, string, string> HttpRoutes => new()
    {
        { "StartTransactionByName", "post", "definitions/{name}/transactions" },
        { "StartTransaction", "post", "transactions" },
        { "ListTransactions", "get", "transactions" },
        { "GetTransaction", "get", "transactions/{id}" },
        { "CancelTransaction", "post", "transactions/{id}/cancel" },
        { "RetryStep", "post", "transactions/{id}/steps/{stepId}/retry" },
        { "SkipStep", "post", "transactions/{id}/steps/{stepId}/skip" },
        { "ListDefinitions", "get", "definitions" },
    };

    [Theory]
    [MemberData(nameof(HttpRoutes))]
    public void EveryApiRouteIsAnHttpTriggerGuardedByAFunctionKey(
        string function,
        string method,
        string route)
    {
        var trigger = Trigger(function);

        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(route, trigger["route"]!.GetValue<string>());
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("Function", trigger["authLevel"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("TransactionOrchestrator", "orchestrationTrigger")]
    [InlineData("StepOrchestrator", "orchestrationTrigger")]
    [InlineData("StartRemoteWorkActivity", "activityTrigger")]
    [InlineData("ReadRemoteWorkActivity", "activityTrigger")]
    [InlineData("StopRemoteWorkActivity", "activityTrigger")]
    public void OrchestratorsAndActivitiesAreRegisteredUnderTheirClassNames(
        string name,
        string type)
    {
        Assert.Equal(type, Trigger(name)["type"]!.GetValue<string>());
    }

    [Fact]
    public void EveryHttpFunctionTakesADurableClient()
    {
        var http = Functions.Where(
            f => Bindings(f!).Any(b => b["type"]!.GetValue<string>() == "httpTrigger"));

        Assert.All(http, f => Assert.Contains(
            Bindings(f!),
            b => b["type"]!.GetValue<string>() == "durableClient"));
    }

    private static JsonObject Trigger(string function)
    {
        var entry = Functions.Single(f => f!["name"]!.GetValue<string>() == function)!;

        return Bindings(entry).Single(b => b["type"]!.GetValue<string>().EndsWith(
            "Trigger",
            StringComparison.Ordinal));
    }

    private static IEnumerable<JsonObject> Bindings(JsonNode function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject());
}
