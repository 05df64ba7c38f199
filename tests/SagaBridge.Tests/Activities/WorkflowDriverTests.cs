using System.Text.Json.Nodes;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Steps;
using SagaBridge.Activities.Workflows;

namespace SagaBridge.Tests.Activities;

public sealed class WorkflowDriverTests
{
    private const string WorkflowPath = "/v1/projects/p1/locations/europe-west4/workflows/prep";

    private const string ExecutionName =
        "projects/p1/locations/europe-west4/workflows/prep/executions/e-1";

    private static readonly RemoteWorkRequest Request = new(
        "tx-42",
        "prepare",
        "step",
        1,
        StepKinds.Workflow,
        """{"project":"p1","location":"europe-west4","workflow":"prep","argument":{"n":3}}""",
        "https://cb.test/hook?sig=abc");

    private static string Label => WorkflowExecutionLabel.For(RemoteWorkKey.Of(Request)).Value;

    private static string Execution(string state, string extra = "") =>
        $$$"""
        {"name":"{{{ExecutionName}}}","state":"{{{state}}}"{{{extra}}},
         "labels":{"sagabridge-key":"{{{Label}}}"}}
        """;

    [Fact]
    public async Task StartListsByLabelThenCreatesWithLabelsAndAJsonEncodedArgument()
    {
        var server = new ScriptedHandler().Ok("{}").Ok(Execution("ACTIVE"));
        var driver = TestClients.WorkflowDriver(server);

        var handle = await driver.StartAsync(Request, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        var list = server.Requests[0];
        Assert.Equal(HttpMethod.Get, list.Method);
        Assert.StartsWith(WorkflowPath + "/executions?", list.PathAndQuery);
        Assert.Contains(
            "filter=" + Uri.EscapeDataString($"labels.sagabridge-key=\"{Label}\""),
            list.PathAndQuery);

        var create = server.Requests[1];
        Assert.Equal(HttpMethod.Post, create.Method);
        Assert.Equal(WorkflowPath + "/executions", create.PathAndQuery);
        Assert.Equal($"Bearer {TestClients.Token}", create.Authorization);

        var body = JsonNode.Parse(create.Body!)!.AsObject();
        var argument = JsonNode.Parse(body["argument"]!.GetValue<string>())!;
        Assert.Equal(3, argument["n"]!.GetValue<int>());
        Assert.Equal(
            "https://cb.test/hook?sig=abc",
            argument["sagabridgeCallbackUrl"]!.GetValue<string>());
        Assert.Equal(Label, body["labels"]!["sagabridge-key"]!.GetValue<string>());
        Assert.Equal("prepare", body["labels"]!["sagabridge-step"]!.GetValue<string>());

        Assert.False(handle.Adopted);
        Assert.Equal(ExecutionName, handle.ResourceName);
        Assert.Equal(Label, handle.DisplayName);
        Assert.Equal(
            "https://console.cloud.google.com/workflows/workflow/europe-west4/prep/execution/e-1"
                + "?project=p1",
            handle.ConsoleUrl);
    }

    [Fact]
    public async Task StartAdoptsTheExecutionItsLabelFindsInsteadOfCreatingAnother()
    {
        var server = new ScriptedHandler().Ok($$"""{"executions":[{{Execution("ACTIVE")}}]}""");
        var driver = TestClients.WorkflowDriver(server);

        var handle = await driver.StartAsync(Request, CancellationToken.None);

        Assert.True(handle.Adopted);
        Assert.Equal(ExecutionName, handle.ResourceName);
        Assert.Equal(0, server.Count(HttpMethod.Post, "/executions"));
    }

    [Fact]
    public async Task CreateWhoseAnswerIsLostIsReconciledAndNotSentTwice()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .LoseAnswer()
            .Ok($$"""{"executions":[{{Execution("ACTIVE")}}]}""");
        var driver = TestClients.WorkflowDriver(server);

        var handle = await driver.StartAsync(Request, CancellationToken.None);

        Assert.True(handle.Adopted);
        Assert.Equal(ExecutionName, handle.ResourceName);
        Assert.Equal(1, server.Count(HttpMethod.Post, "/executions"));
    }

    [Fact]
    public async Task CreateThatFailedTransientlyAndLeftNothingFailsWithoutASecondCreate()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .GoogleError(503, "UNAVAILABLE", "backend unavailable")
            .Ok("{}");
        var driver = TestClients.WorkflowDriver(server);

        var failure = await Assert.ThrowsAsync<TransientRemoteException>(
            () => driver.StartAsync(Request, CancellationToken.None));

        Assert.Equal(503, failure.StatusCode);
        Assert.Equal(1, server.Count(HttpMethod.Post, "/executions"));
    }

    [Fact]
    public async Task ForbiddenCreateFailsPermanentlyAtOnceNamingOperationStatusAndReason()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .GoogleError(
                403,
                "PERMISSION_DENIED",
                "Permission 'workflows.executions.create' denied");
        var driver = TestClients.WorkflowDriver(server);

        var failure = await Assert.ThrowsAsync<PermanentRemoteException>(
            () => driver.StartAsync(Request, CancellationToken.None));

        Assert.Equal(403, failure.StatusCode);
        Assert.Contains("executions.create", failure.Message);
        Assert.Contains("projects/p1/locations/europe-west4/workflows/prep", failure.Message);
        Assert.Contains("HTTP 403 PERMISSION_DENIED", failure.Message);
        Assert.Contains("Permission 'workflows.executions.create' denied", failure.Message);
        Assert.DoesNotContain(TestClients.Token, failure.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task ArgumentOtherThanAnObjectIsRefusedWhenACallbackUrlMustBePassed()
    {
        var request = Request with
        {
            ParametersJson = """{"project":"p1","location":"l","workflow":"w","argument":[1]}""",
        };
        var server = new ScriptedHandler().Ok("{}");
        var driver = TestClients.WorkflowDriver(server);

        var failure = await Assert.ThrowsAsync<PermanentRemoteException>(
            () => driver.StartAsync(request, CancellationToken.None));

        Assert.Contains("sagabridgeCallbackUrl", failure.Message);
        Assert.Equal(0, server.Count(HttpMethod.Post, "/executions"));
    }

    [Fact]
    public async Task StatusReadsTheExecutionInFullViewAndReturnsItsResultAsJson()
    {
        var server = new ScriptedHandler().Ok(Execution("SUCCEEDED",
            ""","result":"{\"rows\":12,\"uri\":\"gs://b/o\"}" """));
        var driver = TestClients.WorkflowDriver(server);
        var handle = new RemoteWorkHandle(StepKinds.Workflow, ExecutionName, Label, null, false);

        var status = await driver.GetStatusAsync(handle, CancellationToken.None);

        Assert.Equal($"/v1/{ExecutionName}?view=FULL", server.Requests[0].PathAndQuery);
        Assert.Equal(RemoteWorkState.Succeeded, status.State);
        var output = JsonNode.Parse(status.OutputJson!)!;
        Assert.Equal(12, output["rows"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("QUEUED", RemoteWorkState.Running)]
    [InlineData("ACTIVE", RemoteWorkState.Running)]
    [InlineData("SUCCEEDED", RemoteWorkState.Succeeded)]
    [InlineData("FAILED", RemoteWorkState.Failed)]
    [InlineData("CANCELLED", RemoteWorkState.Cancelled)]
    [InlineData("UNAVAILABLE", RemoteWorkState.Failed)]
    [InlineData("STATE_UNSPECIFIED", RemoteWorkState.Running)]
    public void ExecutionStatesMapToRemoteWorkStates(string state, RemoteWorkState expected)
    {
        var status = WorkflowDriver.StatusOf(new WorkflowExecution(ExecutionName, state));

        Assert.Equal(expected, status.State);
        Assert.Equal(state, status.RemoteState);
    }

    [Fact]
    public void FailedExecutionReportsTheRaisedPayloadAndItsContext()
    {
        var execution = new WorkflowExecution(
            ExecutionName,
            "FAILED",
            Error: new WorkflowExecutionError("{\"code\":7}", "RuntimeError in step 'train'"));

        var status = WorkflowDriver.StatusOf(execution);

        Assert.Equal(RemoteWorkState.Failed, status.State);
        Assert.Contains("{\"code\":7}", status.Error);
        Assert.Contains("RuntimeError in step 'train'", status.Error);
    }

    [Fact]
    public async Task StopPostsCancelWithAnEmptyBody()
    {
        var server = new ScriptedHandler().Ok(Execution("CANCELLED"));
        var driver = TestClients.WorkflowDriver(server);
        var handle = new RemoteWorkHandle(StepKinds.Workflow, ExecutionName, Label, null, false);

        await driver.StopAsync(handle, drain: false, CancellationToken.None);

        Assert.Equal(HttpMethod.Post, server.Requests[0].Method);
        Assert.Equal($"/v1/{ExecutionName}:cancel", server.Requests[0].PathAndQuery);
        Assert.Equal("{}", server.Requests[0].Body);
    }

    [Fact]
    public async Task StopOfAnExecutionThatAlreadyFinishedSucceeds()
    {
        var server = new ScriptedHandler()
            .GoogleError(400, "FAILED_PRECONDITION", "execution is not active")
            .Ok(Execution("SUCCEEDED", ""","result":"1" """));
        var driver = TestClients.WorkflowDriver(server);
        var handle = new RemoteWorkHandle(StepKinds.Workflow, ExecutionName, Label, null, false);

        await driver.StopAsync(handle, drain: false, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task StopRefusedWhileTheExecutionStillRunsFailsPermanently()
    {
        var server = new ScriptedHandler()
            .GoogleError(400, "INVALID_ARGUMENT", "bad request")
            .Ok(Execution("ACTIVE"));
        var driver = TestClients.WorkflowDriver(server);
        var handle = new RemoteWorkHandle(StepKinds.Workflow, ExecutionName, Label, null, false);

        var failure = await Assert.ThrowsAsync<PermanentRemoteException>(
            () => driver.StopAsync(handle, drain: false, CancellationToken.None));

        Assert.Equal(400, failure.StatusCode);
    }

    [Fact]
    public async Task ArgumentIsOmittedWhenTheStepHasNeitherArgumentNorCallback()
    {
        var request = Request with
        {
            ParametersJson = """{"project":"p1","location":"europe-west4","workflow":"prep"}""",
            CallbackUrl = null,
        };
        var server = new ScriptedHandler().Ok("{}").Ok(Execution("QUEUED"));
        var driver = TestClients.WorkflowDriver(server);

        await driver.StartAsync(request, CancellationToken.None);

        var body = JsonNode.Parse(server.Requests[1].Body!)!.AsObject();
        Assert.False(body.ContainsKey("argument"));
    }
}
