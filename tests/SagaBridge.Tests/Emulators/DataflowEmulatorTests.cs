using System.Net;
using System.Text.RegularExpressions;
using SagaBridge.Emulators;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Tests.Emulators;

public sealed partial class DataflowEmulatorTests : IAsyncLifetime
{
    private const string Region = "v1b3/projects/p1/locations/europe-west4";
    private const string FlexSpec = "gs://templates/flex/clean.json";
    private const string ClassicTemplate = "gs://dataflow-templates/latest/Word_Count";

    private CloudEmulator emulator = null!;
    private CloudCall cloud = null!;

    public async Task InitializeAsync()
    {
        emulator = await CloudEmulator.StartAsync();
        cloud = new CloudCall(emulator.BaseUrl);
    }

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task FlexLaunchAnswersAPendingJobThatRunsAndThenFinishes()
    {
        emulator.Scripts.Set($"dataflow:{FlexSpec}", new EmulatorScript { SucceedAfterReads = 2 });

        var launched = await LaunchFlexAsync("sb-tx1-clean-1");
        var id = launched["job.id"]!;
        var first = await cloud.GetAsync($"{Region}/jobs/{id}");
        var second = await cloud.GetAsync($"{Region}/jobs/{id}?view=JOB_VIEW_SUMMARY");

        Assert.Equal(HttpStatusCode.OK, launched.Status);
        Assert.Matches(JobId(), id);
        Assert.Equal("sb-tx1-clean-1", launched["job.name"]);
        Assert.Equal("p1", launched["job.projectId"]);
        Assert.Equal("europe-west4", launched["job.location"]);
        Assert.Equal("JOB_TYPE_BATCH", launched["job.type"]);
        Assert.Equal("JOB_STATE_PENDING", launched["job.currentState"]);
        Assert.Equal("tx1", launched["job.labels.sagabridge-tx"]);
        Assert.NotNull(launched["job.createTime"]);
        Assert.Equal("JOB_STATE_RUNNING", first["currentState"]);
        Assert.Equal("JOB_STATE_DONE", second["currentState"]);
    }

    [Fact]
    public async Task ClassicLaunchIsScriptedByItsGcsPath()
    {
        emulator.Scripts.Set($"dataflow:{ClassicTemplate}", new EmulatorScript
        {
            Outcome = ScriptOutcome.Fail,
        });

        var launched = await cloud.PostAsync(
            $"{Region}/templates:launch?gcsPath={Uri.EscapeDataString(ClassicTemplate)}",
            """
            {
              "jobName": "wordcount-1",
              "parameters": { "inputFile": "gs://in/a.txt" },
              "environment": { "tempLocation": "gs://tmp" }
            }
            """);
        var read = await cloud.GetAsync($"{Region}/jobs/{launched["job.id"]}");

        Assert.Equal(HttpStatusCode.OK, launched.Status);
        Assert.Equal("wordcount-1", launched["job.name"]);
        Assert.Equal("JOB_STATE_FAILED", read["currentState"]);
        Assert.Equal(ClassicTemplate, emulator.Records.DataflowJobs.Single().Template);
    }

    [Fact]
    public async Task LaunchingTheNameOfAnActiveJobAnswersAlreadyExists()
    {
        emulator.Scripts.Set($"dataflow:{FlexSpec}", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        await LaunchFlexAsync("sb-tx1-clean-1");

        var again = await LaunchFlexAsync("sb-tx1-clean-1");

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("ALREADY_EXISTS", again["error.status"]);
        Assert.Contains(
            "There is already an active job named sb-tx1-clean-1",
            again["error.message"]);
        Assert.Single(emulator.Records.DataflowJobs);
    }

    [Fact]
    public async Task NameOfAFinishedJobCanBeLaunchedAgain()
    {
        var first = await LaunchFlexAsync("sb-tx1-clean-1");
        await cloud.GetAsync($"{Region}/jobs/{first["job.id"]}");

        var second = await LaunchFlexAsync("sb-tx1-clean-1");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(first["job.id"], second["job.id"]);
    }

    [Theory]
    [InlineData("Upper-case")]
    [InlineData("ends-with-dash-")]
    [InlineData("9starts-with-digit")]
    [InlineData("has_underscore")]
    public async Task InvalidJobNameIsRejected(string jobName)
    {
        var launched = await LaunchFlexAsync(jobName);

        Assert.Equal(HttpStatusCode.BadRequest, launched.Status);
        Assert.Equal("INVALID_ARGUMENT", launched["error.status"]);
        Assert.Empty(emulator.Records.DataflowJobs);
    }

    [Fact]
    public async Task ParameterThatIsNotAStringIsRejected()
    {
        var launched = await cloud.PostAsync(
            $"{Region}/flexTemplates:launch",
            $$"""
            {
              "launchParameter": {
                "jobName": "a1",
                "containerSpecGcsPath": "{{FlexSpec}}",
                "parameters": { "workers": 3 }
              }
            }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, launched.Status);
        Assert.Equal("INVALID_ARGUMENT", launched["error.status"]);
    }

    [Fact]
    public async Task CancelMovesThroughCancellingToCancelled()
    {
        emulator.Scripts.Set($"dataflow:{FlexSpec}", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var id = (await LaunchFlexAsync("sb-tx1-clean-1"))["job.id"];

        var cancelling = await cloud.PutAsync(
            $"{Region}/jobs/{id}",
            """{"requestedState":"JOB_STATE_CANCELLED"}""");
        var cancelled = await cloud.GetAsync($"{Region}/jobs/{id}");
        var again = await cloud.PutAsync(
            $"{Region}/jobs/{id}",
            """{"requestedState":"JOB_STATE_CANCELLED"}""");

        Assert.Equal("JOB_STATE_CANCELLING", cancelling["currentState"]);
        Assert.Equal("JOB_STATE_CANCELLED", cancelling["requestedState"]);
        Assert.Equal("JOB_STATE_CANCELLED", cancelled["currentState"]);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("FAILED_PRECONDITION", again["error.status"]);
        var record = emulator.Records.DataflowJobs.Single();
        Assert.Equal(["JOB_STATE_CANCELLED"], record.RequestedStates);
    }

    [Fact]
    public async Task DrainOfABatchJobIsRefused()
    {
        emulator.Scripts.Set($"dataflow:{FlexSpec}", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var id = (await LaunchFlexAsync("sb-tx1-clean-1"))["job.id"];

        var drain = await cloud.PutAsync(
            $"{Region}/jobs/{id}",
            """{"requestedState":"JOB_STATE_DRAINED"}""");

        Assert.Equal(HttpStatusCode.BadRequest, drain.Status);
        Assert.Equal("FAILED_PRECONDITION", drain["error.status"]);
    }

    [Fact]
    public async Task StreamingJobKeepsRunningAndDrainsThroughDraining()
    {
        var launched = await cloud.PostAsync(
            $"{Region}/flexTemplates:launch",
            $$"""
            {
              "launchParameter": {
                "jobName": "stream-1",
                "containerSpecGcsPath": "{{FlexSpec}}",
                "environment": { "enableStreamingEngine": true }
              }
            }
            """);
        var id = launched["job.id"];
        var running = await cloud.GetAsync($"{Region}/jobs/{id}");
        var stillRunning = await cloud.GetAsync($"{Region}/jobs/{id}");

        var draining = await cloud.PutAsync(
            $"{Region}/jobs/{id}",
            """{"requestedState":"JOB_STATE_DRAINED"}""");
        var drained = await cloud.GetAsync($"{Region}/jobs/{id}");

        Assert.Equal("JOB_TYPE_STREAMING", launched["job.type"]);
        Assert.Equal("JOB_STATE_RUNNING", running["currentState"]);
        Assert.Equal("JOB_STATE_RUNNING", stillRunning["currentState"]);
        Assert.Equal("JOB_STATE_DRAINING", draining["currentState"]);
        Assert.Equal("JOB_STATE_DRAINED", drained["currentState"]);
    }

    [Fact]
    public async Task ListFiltersActiveJobsByName()
    {
        emulator.Scripts.Set($"dataflow:{FlexSpec}", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var wanted = await LaunchFlexAsync("sb-tx1-clean-1");
        await LaunchFlexAsync("sb-tx2-clean-1");

        var active = await cloud.GetAsync($"{Region}/jobs?filter=ACTIVE&name=sb-tx1-clean-1");
        var terminated = await cloud.GetAsync($"{Region}/jobs?filter=TERMINATED");

        Assert.Single(active.Find("jobs")!.AsArray());
        Assert.Equal(wanted["job.id"], active["jobs.0.id"]);
        Assert.Null(terminated.Find("jobs"));
    }

    [Fact]
    public async Task ValidateOnlyLaunchCreatesNoJob()
    {
        var launched = await cloud.PostAsync(
            $"{Region}/flexTemplates:launch",
            $$"""
            {
              "launchParameter": { "jobName": "a1", "containerSpecGcsPath": "{{FlexSpec}}" },
              "validateOnly": true
            }
            """);

        Assert.Equal(HttpStatusCode.OK, launched.Status);
        Assert.Null(launched.Find("job"));
        Assert.Empty(emulator.Records.DataflowJobs);
    }

    [Fact]
    public async Task UnknownJobAnswersNotFound()
    {
        var read = await cloud.GetAsync($"{Region}/jobs/2026-12-03_00_00_00-1");

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal("NOT_FOUND", read["error.status"]);
    }

    private Task<CloudAnswer> LaunchFlexAsync(string jobName) =>
        cloud.PostAsync(
            $"{Region}/flexTemplates:launch",
            $$$"""
            {
              "launchParameter": {
                "jobName": "{{{jobName}}}",
                "containerSpecGcsPath": "{{{FlexSpec}}}",
                "parameters": { "input": "gs://in/day.csv" },
                "environment": { "additionalUserLabels": { "sagabridge-tx": "tx1" } }
              },
              "validateOnly": false
            }
            """);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}_\d{2}_\d{2}_\d{2}-\d+$")]
    private static partial Regex JobId();
}
