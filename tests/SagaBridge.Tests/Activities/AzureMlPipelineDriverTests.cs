using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SagaBridge.Activities.AzureMl;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Steps;

namespace SagaBridge.Tests.Activities;

public sealed class AzureMlPipelineDriverTests
{
    private static readonly RemoteWorkRequest Request = new(
        "tx-9",
        "train",
        "step",
        2,
        StepKinds.AzureMlPipeline,
        """
        {"subscriptionId":"sub-1","resourceGroup":"rg-ml","workspace":"ws1",
         "job":{"displayName":"Train","experimentName":"exp","jobs":{"a":{"type":"command"}},
                "tags":{"team":"ml"}}}
        """);

    private static string Name => AzureMlJobName.For(RemoteWorkKey.Of(Request)).Value;

    private static string JobPath =>
        "/subscriptions/sub-1/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices"
        + $"/workspaces/ws1/jobs/{Name}";

    private static string Job(string status, string outputs = "{}") =>
        $$$"""
        {"id":"{{{JobPath}}}","name":"{{{Name}}}",
         "properties":{"jobType":"Pipeline","status":"{{{status}}}","outputs":{{{outputs}}}}}
        """;

    [Fact]
    public async Task StartReadsTheJobFirstAndPutsAPipelineJobWhenThereIsNone()
    {
        var server = new ScriptedHandler()
            .ArmError(404, "ResourceNotFound", "not found")
            .Json(HttpStatusCode.Created, Job("NotStarted"));
        var driver = TestClients.AzureMlDriver(server);

        var handle = await driver.StartAsync(Request, CancellationToken.None);

        Assert.Equal(HttpMethod.Get, server.Requests[0].Method);
        Assert.Equal($"{JobPath}?api-version=2024-04-01", server.Requests[0].PathAndQuery);

        var put = server.Requests[1];
        Assert.Equal(HttpMethod.Put, put.Method);
        Assert.Equal($"{JobPath}?api-version=2024-04-01", put.PathAndQuery);
        Assert.Equal($"Bearer {TestClients.Token}", put.Authorization);
        var properties = JsonNode.Parse(put.Body!)!["properties"]!;
        Assert.Equal("Pipeline", properties["jobType"]!.GetValue<string>());
        Assert.Equal("Train", properties["displayName"]!.GetValue<string>());
        Assert.Equal("command", properties["jobs"]!["a"]!["type"]!.GetValue<string>());
        Assert.Equal("ml", properties["tags"]!["team"]!.GetValue<string>());
        Assert.Equal("tx-9", properties["tags"]!["sagabridge-transaction"]!.GetValue<string>());
        Assert.Equal("train", properties["tags"]!["sagabridge-step"]!.GetValue<string>());

        Assert.False(handle.Adopted);
        Assert.Equal(JobPath, handle.ResourceName);
        Assert.Equal(Name, handle.DisplayName);
        Assert.Equal(
            $"https://ml.azure.com/runs/{Name}"
                + "?wsid=/subscriptions/sub-1/resourcegroups/rg-ml/workspaces/ws1",
            handle.ConsoleUrl);
    }

    [Fact]
    public async Task UpdateAnsweredWith200IsAcceptedLikeACreate()
    {
        var server = new ScriptedHandler()
            .ArmError(404, "ResourceNotFound", "not found")
            .Ok(Job("Queued"));
        var driver = TestClients.AzureMlDriver(server);

        var handle = await driver.StartAsync(Request, CancellationToken.None);

        Assert.False(handle.Adopted);
    }

    [Fact]
    public async Task StartAdoptsAnExistingJobOfItsNameWithoutPutting()
    {
        var server = new ScriptedHandler().Ok(Job("Running"));
        var driver = TestClients.AzureMlDriver(server);

        var handle = await driver.StartAsync(Request, CancellationToken.None);

        Assert.True(handle.Adopted);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task PutWhoseAnswerIsLostIsReconciledAndNotSentTwice()
    {
        var server = new ScriptedHandler()
            .ArmError(404, "ResourceNotFound", "not found")
            .LoseAnswer()
            .Ok(Job("Starting"));
        var driver = TestClients.AzureMlDriver(server);

        var handle = await driver.StartAsync(Request, CancellationToken.None);

        Assert.True(handle.Adopted);
        Assert.Equal(1, server.Count(HttpMethod.Put, "/jobs/"));
    }

    [Fact]
    public async Task ForbiddenSubmitFailsPermanentlyWithTheArmCodeAndMessage()
    {
        var server = new ScriptedHandler()
            .ArmError(404, "ResourceNotFound", "not found")
            .ArmError(403, "AuthorizationFailed", "The client does not have authorization");
        var driver = TestClients.AzureMlDriver(server);

        var failure = await Assert.ThrowsAsync<PermanentRemoteException>(
            () => driver.StartAsync(Request, CancellationToken.None));

        Assert.Contains(
            "HTTP 403 AuthorizationFailed: The client does not have authorization",
            failure.Message);
        Assert.DoesNotContain(TestClients.Token, failure.Message);
    }

    [Fact]
    public async Task ThrottledReadWaitsForRetryAfter()
    {
        var time = new InstantTimeProvider();
        var throttled = new ScriptedHandler()
            .Json((HttpStatusCode)429, """{"error":{"code":"TooManyRequests","message":"slow"}}""",
                r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .Ok(Job("Running"));
        var client = TestClients.AzureMl(throttled, time);

        var job = await client.GetJobAsync(new AzureMlWorkspace("sub-1", "rg-ml", "ws1"), Name,
            CancellationToken.None);

        Assert.Equal("Running", job!.Status);
        var waited = Assert.Single(time.Delays);
        Assert.True(waited >= TimeSpan.FromSeconds(2), $"waited {waited}");
    }

    [Theory]
    [InlineData("NotStarted", RemoteWorkState.Running)]
    [InlineData("Starting", RemoteWorkState.Running)]
    [InlineData("Preparing", RemoteWorkState.Running)]
    [InlineData("Queued", RemoteWorkState.Running)]
    [InlineData("Running", RemoteWorkState.Running)]
    [InlineData("Finalizing", RemoteWorkState.Running)]
    [InlineData("CancelRequested", RemoteWorkState.Running)]
    [InlineData("Completed", RemoteWorkState.Succeeded)]
    [InlineData("Failed", RemoteWorkState.Failed)]
    [InlineData("Canceled", RemoteWorkState.Cancelled)]
    [InlineData("NotResponding", RemoteWorkState.Running)]
    public void JobStatusesMapToRemoteWorkStates(string status, RemoteWorkState expected)
    {
        var job = new AzureMlJob(null, Name, new JsonObject { ["status"] = status });

        var mapped = AzureMlPipelineDriver.StatusOf(job, Name);

        Assert.Equal(expected, mapped.State);
        Assert.Equal(status, mapped.RemoteState);
    }

    [Fact]
    public async Task CompletedJobReportsItsNameStatusAndOutputs()
    {
        var server = new ScriptedHandler()
            .Ok(Job("Completed", """{"model":{"uri":"azureml://m/1"}}"""));
        var driver = TestClients.AzureMlDriver(server);

        var status = await driver.GetStatusAsync(await Handle(), CancellationToken.None);

        var output = JsonNode.Parse(status.OutputJson!)!;
        Assert.Equal(Name, output["jobName"]!.GetValue<string>());
        Assert.Equal("Completed", output["status"]!.GetValue<string>());
        Assert.Equal("azureml://m/1", output["outputs"]!["model"]!["uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task StopPostsCancelWithoutABody()
    {
        var server = new ScriptedHandler().Empty(HttpStatusCode.Accepted);
        var driver = TestClients.AzureMlDriver(server);

        await driver.StopAsync(await Handle(), drain: false, CancellationToken.None);

        Assert.Equal(HttpMethod.Post, server.Requests[0].Method);
        Assert.Equal($"{JobPath}/cancel?api-version=2024-04-01", server.Requests[0].PathAndQuery);
        Assert.Null(server.Requests[0].Body);
    }

    [Fact]
    public async Task StopOfAFinishedJobSucceeds()
    {
        var server = new ScriptedHandler()
            .ArmError(409, "UserError", "Job is already in a terminal state")
            .Ok(Job("Completed"));
        var driver = TestClients.AzureMlDriver(server);

        await driver.StopAsync(await Handle(), drain: false, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
    }

    private static async Task<RemoteWorkHandle> Handle()
    {
        var server = new ScriptedHandler().Ok(Job("Running"));
        return await TestClients.AzureMlDriver(server).StartAsync(Request, CancellationToken.None);
    }
}
