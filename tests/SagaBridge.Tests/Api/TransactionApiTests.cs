using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using SagaBridge.Tests.Saga;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Tests.Api;

public sealed class TransactionApiTests : IAsyncLifetime
{
    private SagaHost host = null!;

    public async Task InitializeAsync()
    {
        var pipeline = DefinitionLoader.Load(
            TestDefinitions.Chain("pipeline", "a", "b").ToJsonString());
        host = await SagaHost.StartAsync(DefinitionCatalog.Of(pipeline));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task AnInvalidInlineDefinitionIsRejectedWithEveryProblemNamedAndNothingStarts()
    {
        var definition = TestDefinitions.Chain("broken", "a", "b");
        definition["steps"]![0]!["kind"] = "gcp.unknown";
        definition["steps"]![1]!["dependsOn"] = new JsonArray("ghost");
        definition["steps"]![1]!["parameters"]!.AsObject().Remove("workflow");
        var body = new JsonObject { ["definition"] = definition }.ToJsonString();

        var response = await host.Api.StartInlineAsync(body);

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        var problem = Assert.IsType<ProblemDetails>(response.Body);
        var paths = problem.Errors!.Select(e => e.Path).ToList();
        Assert.Contains("$.definition.steps[0].kind", paths);
        Assert.Contains(problem.Errors!, e => e.Message.Contains("ghost"));
        Assert.Contains("$.definition.steps[1].parameters.workflow", paths);
        Assert.Empty(await AllInstancesAsync());
    }

    [Theory]
    [InlineData("{", "$", "Malformed JSON")]
    [InlineData("[1]", "$", "Expected a JSON object")]
    [InlineData("""{"id": 7}""", "$.id", "Expected a string")]
    [InlineData("""{"id": "has space"}""", "$.id", "letters, digits")]
    [InlineData("""{"inptu": {}}""", "$.inptu", "Unknown property")]
    public async Task ABadStartRequestIsRejectedNamingTheField(
        string body,
        string path,
        string message)
    {
        var response = await host.Api.StartByNameAsync("pipeline", body);

        Assert.Equal(400, response.Status);
        var error = Assert.Single(Assert.IsType<ProblemDetails>(response.Body).Errors!);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
        Assert.Empty(await AllInstancesAsync());
    }

    [Fact]
    public async Task InputThatBreaksTheInputSchemaIsRejectedBeforeAnythingStarts()
    {
        var definition = TestDefinitions.Chain("typed", "a");
        definition["inputSchema"] = JsonNode.Parse(
            """{"type":"object","required":["dataset"],"properties":"""
            + """{"dataset":{"type":"string"},"rows":{"type":"integer"}}}""");
        var body = new JsonObject
        {
            ["definition"] = definition,
            ["input"] = new JsonObject { ["rows"] = "many" },
        }.ToJsonString();

        var response = await host.Api.StartInlineAsync(body);

        Assert.Equal(400, response.Status);
        var paths = Assert.IsType<ProblemDetails>(response.Body).Errors!
            .Select(e => e.Path)
            .ToList();
        Assert.Contains("$.input.dataset", paths);
        Assert.Contains("$.input.rows", paths);
        Assert.Empty(await AllInstancesAsync());
    }

    [Fact]
    public async Task AnUnknownDefinitionNameIsNotFound()
    {
        var response = await host.Api.StartByNameAsync("nope", null);

        Assert.Equal(404, response.Status);
        Assert.Contains("pipeline", Assert.IsType<ProblemDetails>(response.Body).Detail);
    }

    [Fact]
    public async Task RepeatingAStartWithTheSameIdReturnsTheExistingTransaction()
    {
        var first = await host.Api.StartByNameAsync("pipeline", """{"id":"order-42"}""");
        await host.WaitAsync("order-42");

        var second = await host.Api.StartByNameAsync("pipeline", """{"id":"order-42"}""");

        Assert.Equal(202, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal("order-42", Assert.IsType<TransactionView>(second.Body).Id);
        Assert.Equal("Committed", ((TransactionView)second.Body!).State);
        Assert.Equal(1, host.Emulator.Records.CreatedCount("workflow:wf-a"));
    }

    [Fact]
    public async Task RacingStartsWithOneIdMakeOneTransaction()
    {
        var starts = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(
                () => host.Api.StartByNameAsync("pipeline", """{"id":"race-1"}""")))
            .ToList();

        var responses = await Task.WhenAll(starts);
        await host.WaitAsync("race-1");

        Assert.All(responses, r => Assert.Contains(r.Status, new[] { 200, 202 }));
        Assert.Single(await AllInstancesAsync(), m => m.InstanceId == "race-1");
        Assert.Equal(1, host.Emulator.Records.CreatedCount("workflow:wf-a"));
    }

    [Fact]
    public async Task ReusingAnIdForDifferentInputIsAConflict()
    {
        await host.Api.StartByNameAsync("pipeline", """{"id":"dup","input":{"n":1}}""");

        var response = await host.Api.StartByNameAsync(
            "pipeline",
            """{"id":"dup","input":{"n":2}}""");

        Assert.Equal(409, response.Status);
    }

    [Fact]
    public async Task GetAnswers202WhileRunningAnd200OnceEnded()
    {
        host.Emulator.Scripts.Set("workflow:wf-a", new SagaBridge.Emulators.Scripting.EmulatorScript
        {
            SucceedAfterReads = 5,
        });
        var started = await host.Api.StartByNameAsync("pipeline", """{"id":"watch-1"}""");

        var running = await host.Api.GetAsync("watch-1");
        await host.WaitAsync("watch-1");
        var ended = await host.Api.GetAsync("watch-1");

        Assert.Equal("/api/transactions/watch-1", started.Headers["Location"]);
        Assert.Equal(202, running.Status);
        Assert.Equal("2", running.Headers["Retry-After"]);
        Assert.Equal(200, ended.Status);
        var view = Assert.IsType<TransactionView>(ended.Body);
        Assert.Equal(["a", "b"], view.Steps.Select(s => s.Id));
        Assert.All(view.Steps, s => Assert.NotNull(s.ConsoleUrl));
    }

    [Fact]
    public async Task UnknownAndEndedTransactionsAnswer404And410()
    {
        await host.Api.StartByNameAsync("pipeline", """{"id":"done-1"}""");
        await host.WaitAsync("done-1");

        var unknown = await host.Api.GetAsync("missing");
        var cancelEnded = await host.Api.CancelAsync("done-1", null);
        var skipEnded = await host.Api.DecideAsync(
            "done-1",
            "a",
            Transactions.Saga.OperatorAction.Skip);

        Assert.Equal(404, unknown.Status);
        Assert.Equal(410, cancelEnded.Status);
        Assert.Equal(410, skipEnded.Status);
    }

    [Fact]
    public async Task ListShowsTransactionsAndRejectsAnUnknownStateFilter()
    {
        await host.Api.StartByNameAsync("pipeline", """{"id":"listed-1"}""");
        await host.WaitAsync("listed-1");

        var listed = await host.Api.ListAsync("committed", null, null, null);
        var rejected = await host.Api.ListAsync("Sideways", null, "500", null);

        Assert.Equal(200, listed.Status);
        var page = Assert.IsType<TransactionPage>(listed.Body);
        Assert.Contains(page.Items, v => v.Id == "listed-1");
        Assert.DoesNotContain(page.Items, v => v.Id.Contains("::", StringComparison.Ordinal));
        Assert.Equal(400, rejected.Status);
        var paths = Assert.IsType<ProblemDetails>(rejected.Body).Errors!.Select(e => e.Path);
        Assert.Equal(["state", "top"], paths);
    }

    private async Task<List<OrchestrationMetadata>> AllInstancesAsync()
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in host.Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            all.Add(instance);
        }

        return all;
    }
}
