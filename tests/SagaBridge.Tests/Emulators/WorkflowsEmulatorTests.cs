using System.Net;
using System.Text.Json.Nodes;
using SagaBridge.Emulators;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Tests.Emulators;

public sealed class WorkflowsEmulatorTests : IAsyncLifetime
{
    private const string Workflow = "v1/projects/p1/locations/europe-west4/workflows/prepare";

    private CloudEmulator emulator = null!;
    private CloudCall cloud = null!;

    public async Task InitializeAsync()
    {
        emulator = await CloudEmulator.StartAsync();
        cloud = new CloudCall(emulator.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task CreatedExecutionRunsAndThenSucceedsWithTheScriptedResult()
    {
        emulator.Scripts.Set("workflow:prepare", new EmulatorScript
        {
            SucceedAfterReads = 2,
            ResultJson = """{"rows":3}""",
        });

        var created = await cloud.PostAsync(
            $"{Workflow}/executions",
            """{"argument":"{\"day\":\"2026-12-03\"}","callLogLevel":"LOG_ERRORS_ONLY"}""");
        var name = created["name"]!;
        var first = await cloud.GetAsync($"v1/{name}");
        var second = await cloud.GetAsync($"v1/{name}");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.StartsWith("projects/p1/locations/europe-west4/workflows/prepare/executions/", name);
        Assert.Equal("ACTIVE", created["state"]);
        Assert.Equal("""{"day":"2026-12-03"}""", created["argument"]);
        Assert.Equal("LOG_ERRORS_ONLY", created["callLogLevel"]);
        Assert.Equal("ACTIVE", first["state"]);
        Assert.Null(first["result"]);
        Assert.Equal("SUCCEEDED", second["state"]);
        Assert.Equal("""{"rows":3}""", second["result"]);
        Assert.NotNull(second["endTime"]);
        Assert.EndsWith("s", second["duration"]);
    }

    [Fact]
    public async Task UnscriptedExecutionSucceedsOnItsFirstReadWithAnEmptyResult()
    {
        var created = await cloud.PostAsync($"{Workflow}/executions", "{}");

        var read = await cloud.GetAsync($"v1/{created["name"]}");

        Assert.Equal("SUCCEEDED", read["state"]);
        Assert.Equal("{}", read["result"]);
    }

    [Fact]
    public async Task ArgumentSentAsAnObjectInsteadOfAJsonStringIsRejected()
    {
        var created = await cloud.PostAsync(
            $"{Workflow}/executions",
            """{"argument":{"day":"2026-12-03"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, created.Status);
        Assert.Equal("INVALID_ARGUMENT", created["error.status"]);
        Assert.Empty(emulator.Records.WorkflowExecutions);
    }

    [Fact]
    public async Task FieldTheExecutionDoesNotHaveIsRejectedByName()
    {
        var created = await cloud.PostAsync($"{Workflow}/executions", """{"args":"{}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, created.Status);
        Assert.Contains("\"args\"", created["error.message"]);
    }

    [Fact]
    public async Task ListFilteredByLabelAndStateAnswersOnlyMatchingExecutionsNewestFirst()
    {
        emulator.Scripts.Set("workflow:prepare", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var older = await CreateWithLabelAsync("tx-1");
        await CreateWithLabelAsync("tx-2");
        var newer = await CreateWithLabelAsync("tx-1");

        var listed = await cloud.GetAsync(
            $"{Workflow}/executions?filter="
            + Uri.EscapeDataString("labels.sagabridge-tx=\"tx-1\" AND state=\"ACTIVE\""));

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var names = listed.Find("executions")!.AsArray().Select(e => (string)e!["name"]!);
        Assert.Equal([newer, older], names);
        Assert.Null(listed["executions.0.labels"]);
        Assert.Null(listed["nextPageToken"]);
    }

    [Fact]
    public async Task ListWithNoMatchLeavesTheExecutionsFieldOut()
    {
        await CreateWithLabelAsync("tx-1");

        var listed = await cloud.GetAsync(
            $"{Workflow}/executions?filter=" + Uri.EscapeDataString("labels.sagabridge-tx=\"x\""));

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Null(listed.Find("executions"));
    }

    [Fact]
    public async Task ListPagesWithANextPageToken()
    {
        await CreateWithLabelAsync("tx-1");
        await CreateWithLabelAsync("tx-1");

        var first = await cloud.GetAsync($"{Workflow}/executions?pageSize=1");
        var second = await cloud.GetAsync(
            $"{Workflow}/executions?pageSize=1&pageToken="
            + Uri.EscapeDataString(first["nextPageToken"]!));

        Assert.Single(first.Find("executions")!.AsArray());
        Assert.Single(second.Find("executions")!.AsArray());
        Assert.NotEqual(first["executions.0.name"], second["executions.0.name"]);
        Assert.Null(second["nextPageToken"]);
    }

    [Fact]
    public async Task CancelledExecutionReportsCancelledAndCannotBeCancelledAgain()
    {
        emulator.Scripts.Set("workflow:prepare", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var name = await CreateWithLabelAsync("tx-1");

        var cancelled = await cloud.PostAsync($"v1/{name}:cancel", "{}");
        var again = await cloud.PostAsync($"v1/{name}:cancel", "{}");
        var read = await cloud.GetAsync($"v1/{name}");

        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("CANCELLED", cancelled["state"]);
        Assert.NotNull(cancelled["error.payload"]);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("FAILED_PRECONDITION", again["error.status"]);
        Assert.Equal("CANCELLED", read["state"]);
        Assert.NotNull(emulator.Records.WorkflowExecutions.Single().CancelledAt);
    }

    [Fact]
    public async Task ExecutionsFailAsManyTimesAsScriptedAndThenSucceed()
    {
        emulator.Scripts.Set("workflow:prepare", new EmulatorScript
        {
            FailTimes = 1,
            ErrorMessage = "quota exceeded",
        });

        var first = await cloud.PostAsync($"{Workflow}/executions", "{}");
        var second = await cloud.PostAsync($"{Workflow}/executions", "{}");
        var failed = await cloud.GetAsync($"v1/{first["name"]}");
        var succeeded = await cloud.GetAsync($"v1/{second["name"]}");

        Assert.Equal("FAILED", failed["state"]);
        var payload = JsonNode.Parse(failed["error.payload"]!)!;
        Assert.Equal("quota exceeded", (string?)payload["message"]);
        Assert.Null(failed["result"]);
        Assert.Equal("SUCCEEDED", succeeded["state"]);
        Assert.Equal(2, emulator.Records.CreatedCount("workflow:prepare"));
    }

    [Fact]
    public async Task BasicViewAnswersOnlyTheBasicFields()
    {
        var name = await CreateWithLabelAsync("tx-1");

        var read = await cloud.GetAsync($"v1/{name}?view=BASIC");

        Assert.Equal(name, read["name"]);
        Assert.NotNull(read["state"]);
        Assert.Null(read.Find("labels"));
        Assert.Null(read.Find("argument"));
    }

    [Fact]
    public async Task UnknownExecutionAnswersNotFound()
    {
        var read = await cloud.GetAsync($"{Workflow}/executions/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal("NOT_FOUND", read["error.status"]);
        Assert.Equal("404", read["error.code"]);
    }

    private async Task<string> CreateWithLabelAsync(string transaction)
    {
        var created = await cloud.PostAsync(
            $"{Workflow}/executions",
            $$$"""{"argument":"{}","labels":{"sagabridge-tx":"{{{transaction}}}"}}""");

        return created["name"]!;
    }
}
