using System.Net;
using SagaBridge.Emulators;

namespace SagaBridge.Tests.Emulators;

/// <summary>The <c>/_emulator/</c> endpoint used by tools in another process.</summary>
public sealed class ControlEndpointEmulatorTests : IAsyncLifetime
{
    private const string Executions =
        "v1/projects/p1/locations/europe-west4/workflows/prepare/executions";

    private CloudEmulator emulator = null!;
    private CloudCall cloud = null!;
    private CloudCall control = null!;

    public async Task InitializeAsync()
    {
        emulator = await CloudEmulator.StartAsync();
        cloud = new CloudCall(emulator.BaseUrl);
        control = new CloudCall(emulator.BaseUrl, token: null);
    }

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task ScriptSetOverHttpDecidesTheOutcomeAndRecordsShowIt()
    {
        var set = await control.PutAsync(
            "_emulator/scripts",
            """
            {
              "target": "workflow:prepare",
              "outcome": "Fail",
              "errorMessage": "boom",
              "succeedAfterReads": 1
            }
            """);
        var created = await cloud.PostAsync(Executions, """{"labels":{"k":"v"}}""");
        await cloud.GetAsync($"v1/{created["name"]}");

        var records = await control.GetAsync("_emulator/records");

        Assert.Equal(HttpStatusCode.NoContent, set.Status);
        Assert.Equal(HttpStatusCode.OK, records.Status);
        Assert.Equal("FAILED", records["workflowExecutions.0.state"]);
        Assert.Equal("prepare", records["workflowExecutions.0.workflow"]);
        Assert.Equal("v", records["workflowExecutions.0.labels.k"]);
        Assert.Equal("1", records["createsAnswered"]);
        Assert.Equal("1", records["createdCounts.workflow:prepare"]);
    }

    [Fact]
    public async Task ClearedScriptsLeaveTargetsUnscripted()
    {
        await control.PutAsync(
            "_emulator/scripts",
            """{"target":"workflow:prepare","outcome":"RunUntilCancelled"}""");

        var cleared = await control.DeleteAsync("_emulator/scripts");
        var created = await cloud.PostAsync(Executions, "{}");
        var read = await cloud.GetAsync($"v1/{created["name"]}");

        Assert.Equal(HttpStatusCode.NoContent, cleared.Status);
        Assert.Equal("SUCCEEDED", read["state"]);
    }

    [Fact]
    public async Task ScriptWhoseResultIsNotJsonIsRejected()
    {
        var set = await control.PutAsync(
            "_emulator/scripts",
            """{"target":"workflow:prepare","resultJson":"not json"}""");

        Assert.Equal(HttpStatusCode.BadRequest, set.Status);
        Assert.Contains("ResultJson", set["detail"]);
    }

    [Fact]
    public async Task FaultAddedOverHttpAnswersTheNextRequest()
    {
        var added = await control.PostAsync(
            "_emulator/faults",
            """
            {"statusCode":429,"count":1,"retryDelay":"00:00:05","pathContains":"/executions"}
            """);

        var throttled = await cloud.GetAsync(Executions);
        var next = await cloud.GetAsync(Executions);

        Assert.Equal(HttpStatusCode.NoContent, added.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("5s", throttled["error.details.0.retryDelay"]);
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Fact]
    public async Task FaultWithAStatusOtherThan429Or503IsRejected()
    {
        var added = await control.PostAsync(
            "_emulator/faults",
            """{"statusCode":500,"count":1,"retryDelay":"00:00:05"}""");

        Assert.Equal(HttpStatusCode.BadRequest, added.Status);
        Assert.Equal(0, emulator.Faults.Remaining);
    }

    [Fact]
    public async Task EventGridConfiguredOverHttpDeliversRunEvents()
    {
        await using var listener = await EventGridListener.StartAsync();

        var configured = await control.PostAsync(
            "_emulator/eventgrid",
            $$"""
            {
              "endpoint": "{{listener.Endpoint}}",
              "secretHeaderName": "x-sagabridge-secret",
              "secret": "s"
            }
            """);
        await cloud.PutAsync(
            "subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices"
            + "/workspaces/ws/jobs/j1?api-version=2024-04-01",
            """{"properties":{"jobType":"Pipeline"}}""");
        await cloud.GetAsync(
            "subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices"
            + "/workspaces/ws/jobs/j1?api-version=2024-04-01");
        var completed = await listener.UntilAsync(
            e => e.EventType == "Microsoft.MachineLearningServices.RunCompleted");

        Assert.Equal(HttpStatusCode.NoContent, configured.Status);
        Assert.Equal("j1", completed[^1].RunId);
        Assert.Equal("s", completed[^1].Secret);
    }
}
