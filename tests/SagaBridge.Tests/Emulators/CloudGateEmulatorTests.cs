using System.Net;
using SagaBridge.Emulators;
using SagaBridge.Emulators.Faults;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Tests.Emulators;

/// <summary>
/// What every API shares: authentication, faults, lost answers, permissions, time.
/// </summary>
public sealed class CloudGateEmulatorTests : IAsyncLifetime
{
    private const string Executions =
        "v1/projects/p1/locations/europe-west4/workflows/prepare/executions";

    private const string AzureJob =
        "subscriptions/sub-1/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices"
        + "/workspaces/ws-1/jobs/j1?api-version=2024-04-01";

    private CloudEmulator emulator = null!;
    private CloudCall cloud = null!;

    public async Task InitializeAsync()
    {
        emulator = await CloudEmulator.StartAsync();
        cloud = new CloudCall(emulator.BaseUrl);
    }

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task GoogleRequestWithoutBearerTokenIsUnauthenticated()
    {
        var anonymous = new CloudCall(emulator.BaseUrl, token: null);

        var created = await anonymous.PostAsync(Executions, "{}");
        var listed = await anonymous.GetAsync(
            "v1b3/projects/p1/locations/europe-west4/jobs?filter=ACTIVE");

        Assert.Equal(HttpStatusCode.Unauthorized, created.Status);
        Assert.Equal("UNAUTHENTICATED", created["error.status"]);
        Assert.Equal(HttpStatusCode.Unauthorized, listed.Status);
        Assert.Empty(emulator.Records.WorkflowExecutions);
    }

    [Fact]
    public async Task ArmRequestWithoutBearerTokenFailsAuthentication()
    {
        var anonymous = new CloudCall(emulator.BaseUrl, token: null);

        var created = await anonymous.PutAsync(
            AzureJob,
            """{"properties":{"jobType":"Pipeline"}}""");

        Assert.Equal(HttpStatusCode.Unauthorized, created.Status);
        Assert.Equal("AuthenticationFailed", created["error.code"]);
    }

    [Fact]
    public async Task FaultBurstAnswersRetryInfoAndRetryAfterThenRecovers()
    {
        emulator.Faults.Add(new EmulatorFault(503, 2, TimeSpan.FromSeconds(30), "/executions"));

        var first = await cloud.PostAsync(Executions, "{}");
        var second = await cloud.GetAsync(Executions);
        var third = await cloud.GetAsync(Executions);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal("UNAVAILABLE", first["error.status"]);
        Assert.Equal("type.googleapis.com/google.rpc.RetryInfo", first["error.details.0.@type"]);
        Assert.Equal("30s", first["error.details.0.retryDelay"]);
        Assert.Equal(TimeSpan.FromSeconds(30), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Empty(emulator.Records.WorkflowExecutions);
    }

    [Fact]
    public async Task FaultLimitedToAPathLeavesOtherPathsAlone()
    {
        emulator.Faults.Add(new EmulatorFault(429, 1, TimeSpan.FromSeconds(2), "/jobs/"));

        var workflow = await cloud.GetAsync(Executions);
        var throttled = await cloud.GetAsync(AzureJob);

        Assert.Equal(HttpStatusCode.OK, workflow.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("TooManyRequests", throttled["error.code"]);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(0, emulator.Faults.Remaining);
    }

    [Fact]
    public async Task SlowFaultStillAnswersNormally()
    {
        emulator.Faults.Add(new EmulatorFault(
            503,
            1,
            TimeSpan.Zero,
            Delay: TimeSpan.FromMilliseconds(50)));

        var created = await cloud.PostAsync(Executions, "{}");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Single(emulator.Records.WorkflowExecutions);
    }

    [Fact]
    public async Task LostCreateAnswerStillCreatesTheExecution()
    {
        emulator.Scripts.Set("workflow:prepare", new EmulatorScript { LoseCreateResponse = 1 });

        var lost = () => cloud.PostAsync(
            Executions,
            """{"argument":"{}","labels":{"sagabridge-step":"tx1-prepare-1"}}""");
        await Assert.ThrowsAsync<HttpRequestException>(lost);
        var found = await cloud.GetAsync(
            $"{Executions}?filter="
            + Uri.EscapeDataString("labels.sagabridge-step=\"tx1-prepare-1\""));

        Assert.Single(found.Find("executions")!.AsArray());
        Assert.Equal(1, emulator.Records.CreatesLost);
        Assert.Equal(0, emulator.Records.CreatesAnswered);
        var recorded = emulator.Records.WorkflowExecutions.Single();
        Assert.Equal("tx1-prepare-1", recorded.Labels["sagabridge-step"]);
    }

    [Fact]
    public async Task LostDataflowLaunchAnswerLeavesAnActiveJobToAdopt()
    {
        emulator.Scripts.Set("dataflow:gs://t/flex.json", new EmulatorScript
        {
            LoseCreateResponse = 1,
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        const string Launch = """
            {
              "launchParameter": {
                "jobName": "sb-tx1-clean-1",
                "containerSpecGcsPath": "gs://t/flex.json"
              }
            }
            """;
        const string Region = "v1b3/projects/p1/locations/europe-west4";

        await Assert.ThrowsAsync<HttpRequestException>(
            () => cloud.PostAsync($"{Region}/flexTemplates:launch", Launch));
        var retried = await cloud.PostAsync($"{Region}/flexTemplates:launch", Launch);
        var active = await cloud.GetAsync($"{Region}/jobs?filter=ACTIVE&name=sb-tx1-clean-1");

        Assert.Equal(HttpStatusCode.Conflict, retried.Status);
        Assert.Equal(emulator.Records.DataflowJobs.Single().Id, active["jobs.0.id"]);
    }

    [Fact]
    public async Task SlowCreateTakesEffectEvenWhenTheClientGaveUp()
    {
        emulator.Scripts.Set("workflow:prepare", new EmulatorScript
        {
            LaunchDelay = TimeSpan.FromMilliseconds(300),
        });
        var impatient = new CloudCall(emulator.BaseUrl, timeout: TimeSpan.FromMilliseconds(50));

        var create = () => impatient.PostAsync(Executions, "{}");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(create);
        var state = await WaitForWorkflowStateAsync("ACTIVE");

        Assert.Equal("ACTIVE", state);
    }

    [Fact]
    public async Task ForbiddenTargetAnswersPermissionDenied()
    {
        emulator.Scripts.Set("workflow:prepare", new EmulatorScript { Forbidden = true });

        var created = await cloud.PostAsync(Executions, "{}");

        Assert.Equal(HttpStatusCode.Forbidden, created.Status);
        Assert.Equal("PERMISSION_DENIED", created["error.status"]);
        Assert.Empty(emulator.Records.WorkflowExecutions);
    }

    [Fact]
    public async Task ForbiddenAzureMlTargetAnswersAuthorizationFailed()
    {
        emulator.Scripts.Set("azureml:train", new EmulatorScript { Forbidden = true });

        var created = await cloud.PutAsync(
            AzureJob,
            """{"properties":{"jobType":"Pipeline","experimentName":"train"}}""");

        Assert.Equal(HttpStatusCode.Forbidden, created.Status);
        Assert.Equal("AuthorizationFailed", created["error.code"]);
    }

    [Fact]
    public async Task WorkAdvancesWithTimeWhenScriptedToWithoutBeingRead()
    {
        emulator.Scripts.Set("workflow:prepare", new EmulatorScript
        {
            AdvanceEvery = TimeSpan.FromMilliseconds(10),
        });

        await cloud.PostAsync(Executions, "{}");
        var state = await WaitForWorkflowStateAsync("SUCCEEDED");

        Assert.Equal("SUCCEEDED", state);
    }

    private async Task<string> WaitForWorkflowStateAsync(string wanted)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var state = emulator.Records.WorkflowExecutions.SingleOrDefault()?.State;
            if (state == wanted || deadline.IsCancellationRequested)
            {
                return state ?? "(none)";
            }

            await Task.Delay(20);
        }
    }
}
