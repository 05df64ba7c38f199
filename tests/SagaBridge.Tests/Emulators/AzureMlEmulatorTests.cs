using System.Net;
using SagaBridge.Emulators;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Tests.Emulators;

public sealed class AzureMlEmulatorTests : IAsyncLifetime
{
    private const string Workspace =
        "subscriptions/sub-1/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices"
        + "/workspaces/ws-1";

    private const string ApiVersion = "api-version=2024-04-01";

    private const string PipelineJob = """
        {
          "properties": {
            "jobType": "Pipeline",
            "experimentName": "train",
            "displayName": "Train model",
            "tags": { "sagabridge-tx": "tx1" },
            "jobs": { "train": { "type": "command", "command": "python train.py" } },
            "settings": { "default_compute": "cpu-cluster" }
          }
        }
        """;

    private CloudEmulator emulator = null!;
    private CloudCall cloud = null!;

    public async Task InitializeAsync()
    {
        emulator = await CloudEmulator.StartAsync();
        cloud = new CloudCall(emulator.BaseUrl);
    }

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task PuttingTheSameJobTwiceCreatesOneJob()
    {
        const string Job = $"{Workspace}/jobs/sb-tx1-train-1?{ApiVersion}";
        var created = await cloud.PutAsync(Job, PipelineJob);

        var again = await cloud.PutAsync(Job, PipelineJob);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal($"/{Workspace}/jobs/sb-tx1-train-1", created["id"]);
        Assert.Equal(created["id"], again["id"]);
        Assert.Equal("sb-tx1-train-1", created["name"]);
        Assert.Equal("Microsoft.MachineLearningServices/workspaces/jobs", created["type"]);
        Assert.Equal("Pipeline", created["properties.jobType"]);
        Assert.Equal("NotStarted", created["properties.status"]);
        Assert.Equal("train", created["properties.experimentName"]);
        var job = Assert.Single(emulator.Records.AzureMlJobs);
        Assert.Equal("train", job.ExperimentName);
        Assert.Equal(1, emulator.Records.CreatedCount("azureml:train"));
    }

    [Fact]
    public async Task JobWalksThroughRunningToCompletedWithTheScriptedOutputs()
    {
        emulator.Scripts.Set("azureml:train", new EmulatorScript
        {
            SucceedAfterReads = 3,
            ResultJson = """{"model":{"uri":"azureml://models/m/1"}}""",
        });
        await cloud.PutAsync($"{Workspace}/jobs/j1?{ApiVersion}", PipelineJob);

        var statuses = new List<string?>();
        for (var read = 0; read < 3; read++)
        {
            var answer = await cloud.GetAsync($"{Workspace}/jobs/j1?{ApiVersion}");
            statuses.Add(answer["properties.status"]);
        }

        var done = await cloud.GetAsync($"{Workspace}/jobs/j1?{ApiVersion}");
        Assert.Equal(["Starting", "Preparing", "Completed"], statuses);
        Assert.Equal("azureml://models/m/1", done["properties.outputs.model.uri"]);
    }

    [Fact]
    public async Task FailedJobReportsFailed()
    {
        emulator.Scripts.Set("azureml:train", new EmulatorScript { Outcome = ScriptOutcome.Fail });
        await cloud.PutAsync($"{Workspace}/jobs/j1?{ApiVersion}", PipelineJob);

        var read = await cloud.GetAsync($"{Workspace}/jobs/j1?{ApiVersion}");

        Assert.Equal("Failed", read["properties.status"]);
    }

    [Fact]
    public async Task CancelAnswersAcceptedWithALocationAndTheJobEndsCanceled()
    {
        emulator.Scripts.Set("azureml:train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        await cloud.PutAsync($"{Workspace}/jobs/j1?{ApiVersion}", PipelineJob);

        var cancel = await cloud.PostAsync($"{Workspace}/jobs/j1/cancel?{ApiVersion}", null);
        var operation = await cloud.GetAsync(cancel.Headers.Location!.ToString());
        var read = await cloud.GetAsync($"{Workspace}/jobs/j1?{ApiVersion}");

        Assert.Equal(HttpStatusCode.Accepted, cancel.Status);
        Assert.NotNull(cancel.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, operation.Status);
        Assert.Equal("Canceled", read["properties.status"]);
        Assert.NotNull(emulator.Records.AzureMlJobs.Single().CancelRequested);
    }

    [Fact]
    public async Task CancelledJobShowsCancelRequestedUntilItsNextRead()
    {
        emulator.Scripts.Set("azureml:train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        await cloud.PutAsync($"{Workspace}/jobs/j1?{ApiVersion}", PipelineJob);
        await cloud.PostAsync($"{Workspace}/jobs/j1/cancel?{ApiVersion}", null);

        var record = emulator.Records.AzureMlJobs.Single();
        var read = await cloud.GetAsync($"{Workspace}/jobs/j1?{ApiVersion}");

        Assert.Equal("CancelRequested", record.Status);
        Assert.Equal("Canceled", read["properties.status"]);
    }

    [Fact]
    public async Task UnknownJobAnswersResourceNotFound()
    {
        var read = await cloud.GetAsync($"{Workspace}/jobs/nope?{ApiVersion}");

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal("ResourceNotFound", read["error.code"]);
    }

    [Fact]
    public async Task RequestWithoutApiVersionIsRejected()
    {
        var created = await cloud.PutAsync($"{Workspace}/jobs/j1", PipelineJob);

        Assert.Equal(HttpStatusCode.BadRequest, created.Status);
        Assert.Equal("MissingApiVersionParameter", created["error.code"]);
        Assert.Empty(emulator.Records.AzureMlJobs);
    }

    [Fact]
    public async Task JobWithoutJobTypeIsRejected()
    {
        var created = await cloud.PutAsync(
            $"{Workspace}/jobs/j1?{ApiVersion}",
            """{"properties":{"experimentName":"train"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, created.Status);
        Assert.Equal("properties.jobType", created["error.target"]);
    }
}
