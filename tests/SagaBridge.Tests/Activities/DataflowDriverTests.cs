using System.Text.Json.Nodes;
using SagaBridge.Activities.Dataflow;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Steps;

namespace SagaBridge.Tests.Activities;

public sealed class DataflowDriverTests
{
    private const string LocationPath = "/v1b3/projects/p1/locations/us-central1";

    private static readonly RemoteWorkRequest FlexRequest = new(
        "tx-7",
        "featurize",
        "step",
        1,
        StepKinds.DataflowFlexTemplate,
        """
        {"project":"p1","location":"us-central1","containerSpecGcsPath":"gs://t/spec.json",
         "jobNamePrefix":"Features_Daily","parameters":{"input":"gs://in/*"},
         "environment":{"maxWorkers":5,"tempLocation":"gs://tmp/x"}}
        """);

    private static readonly RemoteWorkRequest ClassicRequest = FlexRequest with
    {
        Kind = StepKinds.DataflowTemplate,
        ParametersJson = """
            {"project":"p1","location":"us-central1","gcsPath":"gs://t/classic",
             "parameters":{"input":"gs://in/*"},"streaming":true}
            """,
    };

    private static string FlexName =>
        DataflowJobName.For(RemoteWorkKey.Of(FlexRequest), "Features_Daily").Value;

    private static string Job(
        string id,
        string name,
        string state,
        string created = "2026-12-03T09:00:00Z",
        string type = "JOB_TYPE_BATCH") =>
        $$"""
        {"id":"{{id}}","projectId":"p1","name":"{{name}}","location":"us-central1",
         "type":"{{type}}","currentState":"{{state}}","createTime":"{{created}}"}
        """;

    [Fact]
    public async Task FlexStartListsByNameThenLaunchesWithTheDeterministicName()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .Ok($$"""{"job":{{Job("j-1", FlexName, "JOB_STATE_QUEUED")}}}""");
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        var handle = await driver.StartAsync(FlexRequest, CancellationToken.None);

        Assert.StartsWith("features-daily-", FlexName);
        Assert.Equal(HttpMethod.Get, server.Requests[0].Method);
        Assert.StartsWith(
            $"{LocationPath}/jobs?filter=ALL&name={FlexName}",
            server.Requests[0].PathAndQuery);

        var launch = server.Requests[1];
        Assert.Equal(HttpMethod.Post, launch.Method);
        Assert.Equal($"{LocationPath}/flexTemplates:launch", launch.PathAndQuery);
        var body = JsonNode.Parse(launch.Body!)!;
        Assert.False(body["validateOnly"]!.GetValue<bool>());
        var parameter = body["launchParameter"]!;
        Assert.Equal(FlexName, parameter["jobName"]!.GetValue<string>());
        Assert.Equal("gs://t/spec.json", parameter["containerSpecGcsPath"]!.GetValue<string>());
        Assert.Equal("gs://in/*", parameter["parameters"]!["input"]!.GetValue<string>());
        Assert.Equal(5, parameter["environment"]!["maxWorkers"]!.GetValue<int>());

        Assert.False(handle.Adopted);
        Assert.Equal("projects/p1/locations/us-central1/jobs/j-1", handle.ResourceName);
        Assert.Equal(FlexName, handle.DisplayName);
        Assert.Equal("https://console.cloud.google.com/dataflow/jobs/us-central1/j-1?project=p1",
            handle.ConsoleUrl);
    }

    [Fact]
    public async Task ClassicStartSendsTheTemplatePathInTheQueryAndTheJobNameInTheBody()
    {
        var name = DataflowJobName.For(RemoteWorkKey.Of(ClassicRequest), "featurize").Value;
        var server = new ScriptedHandler()
            .Ok("{}")
            .Ok($$"""{"job":{{Job("j-2", name, "JOB_STATE_PENDING")}}}""");
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowTemplate);

        await driver.StartAsync(ClassicRequest, CancellationToken.None);

        var launch = server.Requests[1];
        Assert.Equal(
            $"{LocationPath}/templates:launch?gcsPath=gs%3A%2F%2Ft%2Fclassic&validateOnly=false",
            launch.PathAndQuery);
        var body = JsonNode.Parse(launch.Body!)!;
        Assert.Equal(name, body["jobName"]!.GetValue<string>());
        Assert.Equal("gs://in/*", body["parameters"]!["input"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartAdoptsTheNewestJobOfItsNameInsteadOfLaunching()
    {
        var server = new ScriptedHandler().Ok($$"""
            {"jobs":[{{Job("old", FlexName, "JOB_STATE_FAILED", "2026-12-03T08:00:00Z")}},
                     {{Job("new", FlexName, "JOB_STATE_RUNNING", "2026-12-03T09:30:00Z")}},
                     {{Job("other", "someone-else", "JOB_STATE_RUNNING", "2026-12-03T10:00:00Z")}}]}
            """);
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        var handle = await driver.StartAsync(FlexRequest, CancellationToken.None);

        Assert.True(handle.Adopted);
        Assert.Equal("projects/p1/locations/us-central1/jobs/new", handle.ResourceName);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RetriedLaunchMeetingAnActiveJobOfTheNameAdoptsIt()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .GoogleError(409, "ALREADY_EXISTS", $"There is already an active job named {FlexName}")
            .Ok($$"""{"jobs":[{{Job("j-live", FlexName, "JOB_STATE_RUNNING")}}]}""");
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        var handle = await driver.StartAsync(FlexRequest, CancellationToken.None);

        Assert.True(handle.Adopted);
        Assert.Equal("projects/p1/locations/us-central1/jobs/j-live", handle.ResourceName);
        Assert.StartsWith(
            $"{LocationPath}/jobs?filter=ACTIVE&name={FlexName}",
            server.Requests[2].PathAndQuery);
        Assert.Equal(1, server.Count(HttpMethod.Post, ":launch"));
    }

    [Fact]
    public async Task ConflictWhoseActiveJobIsNotListedYetFailsTransiently()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .GoogleError(409, "ALREADY_EXISTS", "There is already an active job")
            .Ok("{}");
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        var failure = await Assert.ThrowsAsync<TransientRemoteException>(
            () => driver.StartAsync(FlexRequest, CancellationToken.None));

        Assert.Equal(409, failure.StatusCode);
        Assert.Equal(1, server.Count(HttpMethod.Post, ":launch"));
    }

    [Fact]
    public async Task ConflictOtherThanAlreadyExistsIsNotTakenForAdoption()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .GoogleError(409, "ABORTED", "concurrent modification");
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        var failure = await Assert.ThrowsAsync<PermanentRemoteException>(
            () => driver.StartAsync(FlexRequest, CancellationToken.None));

        Assert.Contains("HTTP 409 ABORTED", failure.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task LaunchWhoseAnswerIsLostIsReconciledAndNotSentTwice()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .LoseAnswer()
            .Ok($$"""{"jobs":[{{Job("j-1", FlexName, "JOB_STATE_QUEUED")}}]}""");
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        var handle = await driver.StartAsync(FlexRequest, CancellationToken.None);

        Assert.True(handle.Adopted);
        Assert.Equal("projects/p1/locations/us-central1/jobs/j-1", handle.ResourceName);
        Assert.Equal(1, server.Count(HttpMethod.Post, ":launch"));
    }

    [Fact]
    public async Task ForbiddenLaunchFailsPermanentlyAtOnce()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .GoogleError(403, "PERMISSION_DENIED", "dataflow.jobs.create denied");
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        var failure = await Assert.ThrowsAsync<PermanentRemoteException>(
            () => driver.StartAsync(FlexRequest, CancellationToken.None));

        Assert.Contains("flexTemplates.launch", failure.Message);
        Assert.Contains("HTTP 403 PERMISSION_DENIED: dataflow.jobs.create denied", failure.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData("JOB_STATE_DONE", "JOB_TYPE_BATCH", null, null, RemoteWorkState.Succeeded)]
    [InlineData("JOB_STATE_RUNNING", "JOB_TYPE_BATCH", null, null, RemoteWorkState.Running)]
    [InlineData("JOB_STATE_RUNNING", "JOB_TYPE_STREAMING", null, null, RemoteWorkState.Succeeded)]
    [InlineData("JOB_STATE_RUNNING", "JOB_TYPE_BATCH", "true", null, RemoteWorkState.Succeeded)]
    [InlineData("JOB_STATE_RUNNING", "JOB_TYPE_STREAMING", null, "done", RemoteWorkState.Running)]
    [InlineData("JOB_STATE_RUNNING", "JOB_TYPE_BATCH", null, "running", RemoteWorkState.Succeeded)]
    [InlineData("JOB_STATE_PENDING", "JOB_TYPE_STREAMING", null, null, RemoteWorkState.Running)]
    [InlineData("JOB_STATE_QUEUED", "JOB_TYPE_BATCH", null, null, RemoteWorkState.Running)]
    [InlineData("JOB_STATE_FAILED", "JOB_TYPE_BATCH", null, null, RemoteWorkState.Failed)]
    [InlineData("JOB_STATE_CANCELLED", "JOB_TYPE_BATCH", null, null, RemoteWorkState.Cancelled)]
    [InlineData("JOB_STATE_DRAINED", "JOB_TYPE_STREAMING", null, null, RemoteWorkState.Cancelled)]
    [InlineData("JOB_STATE_DRAINING", "JOB_TYPE_STREAMING", null, null, RemoteWorkState.Running)]
    [InlineData("JOB_STATE_UPDATED", "JOB_TYPE_STREAMING", null, null, RemoteWorkState.Failed)]
    public void JobStatesMapToRemoteWorkStates(
        string state,
        string type,
        string? streaming,
        string? succeedWhen,
        RemoteWorkState expected)
    {
        var settings = new Dictionary<string, string>();
        if (streaming is not null)
        {
            settings[DataflowDriver.StreamingSetting] = streaming;
        }

        if (succeedWhen is not null)
        {
            settings[DataflowDriver.SucceedWhenSetting] = succeedWhen;
        }

        var job = new DataflowJob("j", Name: "n", Type: type, CurrentState: state);

        var status = DataflowDriver.StatusOf(job, settings);

        Assert.Equal(expected, status.State);
        Assert.Equal(state, status.RemoteState);
    }

    [Fact]
    public async Task SucceededJobReportsItsIdNameAndStateAsOutput()
    {
        var server = new ScriptedHandler().Ok(Job("j-1", FlexName, "JOB_STATE_DONE"));
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        var status = await driver.GetStatusAsync(Handle(), CancellationToken.None);

        Assert.Equal(
            $"{LocationPath}/jobs/j-1?view=JOB_VIEW_SUMMARY",
            server.Requests[0].PathAndQuery);
        var output = JsonNode.Parse(status.OutputJson!)!;
        Assert.Equal("j-1", output["jobId"]!.GetValue<string>());
        Assert.Equal(FlexName, output["jobName"]!.GetValue<string>());
        Assert.Equal("JOB_STATE_DONE", output["currentState"]!.GetValue<string>());
    }

    [Fact]
    public async Task StopWithDrainDrainsAStreamingJob()
    {
        var server = new ScriptedHandler()
            .Ok(Job("j-1", FlexName, "JOB_STATE_RUNNING", type: "JOB_TYPE_STREAMING"))
            .Ok(Job("j-1", FlexName, "JOB_STATE_DRAINING", type: "JOB_TYPE_STREAMING"));
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        await driver.StopAsync(Handle(), drain: true, CancellationToken.None);

        var update = server.Requests[1];
        Assert.Equal(HttpMethod.Put, update.Method);
        Assert.Equal($"{LocationPath}/jobs/j-1", update.PathAndQuery);
        Assert.Equal("""{"requestedState":"JOB_STATE_DRAINED"}""", update.Body);
    }

    [Fact]
    public async Task StopWithDrainCancelsABatchJobBecauseOnlyStreamingJobsDrain()
    {
        var server = new ScriptedHandler()
            .Ok(Job("j-1", FlexName, "JOB_STATE_RUNNING"))
            .Ok(Job("j-1", FlexName, "JOB_STATE_CANCELLING"));
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        await driver.StopAsync(Handle(), drain: true, CancellationToken.None);

        Assert.Equal("""{"requestedState":"JOB_STATE_CANCELLED"}""", server.Requests[1].Body);
    }

    [Fact]
    public async Task StopOfAFinishedJobSendsNoUpdate()
    {
        var server = new ScriptedHandler().Ok(Job("j-1", FlexName, "JOB_STATE_DONE"));
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        await driver.StopAsync(Handle(), drain: false, CancellationToken.None);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task StopOfAJobThatFinishesBeforeTheUpdateSucceeds()
    {
        var server = new ScriptedHandler()
            .Ok(Job("j-1", FlexName, "JOB_STATE_RUNNING"))
            .GoogleError(400, "FAILED_PRECONDITION", "job is in terminal state")
            .Ok(Job("j-1", FlexName, "JOB_STATE_DONE"));
        var driver = TestClients.DataflowDriver(server, StepKinds.DataflowFlexTemplate);

        await driver.StopAsync(Handle(), drain: false, CancellationToken.None);

        Assert.Equal(3, server.Requests.Count);
    }

    private static RemoteWorkHandle Handle() =>
        new(
            StepKinds.DataflowFlexTemplate,
            "projects/p1/locations/us-central1/jobs/j-1",
            FlexName,
            null,
            false,
            new Dictionary<string, string> { [DataflowDriver.StreamingSetting] = "false" });
}
