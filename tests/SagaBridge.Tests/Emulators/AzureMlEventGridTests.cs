using SagaBridge.Emulators;
using SagaBridge.Emulators.EventGrid;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Tests.Emulators;

public sealed class AzureMlEventGridTests : IAsyncLifetime
{
    private const string Job =
        "subscriptions/sub-1/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices"
        + "/workspaces/ws-1/jobs/sb-tx1-train-1?api-version=2024-04-01";

    private const string PipelineJob = """
        {
          "properties": {
            "jobType": "Pipeline",
            "experimentName": "train",
            "tags": { "sagabridge-tx": "tx1" }
          }
        }
        """;

    private const string Completed = "Microsoft.MachineLearningServices.RunCompleted";
    private const string StatusChanged = "Microsoft.MachineLearningServices.RunStatusChanged";

    private CloudEmulator emulator = null!;
    private EventGridListener listener = null!;
    private CloudCall cloud = null!;

    public async Task InitializeAsync()
    {
        emulator = await CloudEmulator.StartAsync();
        listener = await EventGridListener.StartAsync();
        cloud = new CloudCall(emulator.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task ParentRunEventsArriveAfterTheValidationHandshake()
    {
        await emulator.ConfigureEventGridAsync(
            new EventGridDelivery(listener.Endpoint, "x-sagabridge-secret", "s3cret"));
        emulator.Scripts.Set("azureml:train", new EmulatorScript { SucceedAfterReads = 2 });
        await cloud.PutAsync(Job, PipelineJob);

        await cloud.GetAsync(Job);
        await cloud.GetAsync(Job);
        var events = await listener.UntilAsync(e => e.EventType == Completed);

        Assert.Equal(1, listener.Handshakes);
        Assert.Equal(
            [(StatusChanged, "Starting"), (StatusChanged, "Completed"), (Completed, "Completed")],
            events.Select(e => (e.EventType, e.RunStatus)));
        var last = events[^1];
        Assert.Equal("sb-tx1-train-1", last.RunId);
        Assert.Equal("azureml.PipelineRun", last.RunType);
        Assert.Equal("s3cret", last.Secret);
        Assert.Equal("train", (string?)last.Event["data"]!["experimentName"]);
        Assert.Equal("tx1", (string?)last.Event["data"]!["runTags"]!["sagabridge-tx"]);
        var experimentId = (string)last.Event["data"]!["experimentId"]!;
        Assert.Equal(
            $"experiments/{experimentId}/runs/sb-tx1-train-1",
            (string?)last.Event["subject"]);
        Assert.EndsWith("/workspaces/ws-1", (string?)last.Event["topic"]);
    }

    [Fact]
    public async Task RunCompletedArrivesWithoutPollingWhenWorkAdvancesWithTime()
    {
        await emulator.ConfigureEventGridAsync(
            new EventGridDelivery(listener.Endpoint, null, null));
        emulator.Scripts.Set("azureml:train", new EmulatorScript
        {
            SucceedAfterReads = 3,
            AdvanceEvery = TimeSpan.FromMilliseconds(10),
        });

        await cloud.PutAsync(Job, PipelineJob);
        var events = await listener.UntilAsync(e => e.EventType == Completed);

        Assert.Equal("sb-tx1-train-1", events[^1].RunId);
        Assert.Equal("Completed", emulator.Records.AzureMlJobs.Single().Status);
    }

    [Fact]
    public async Task ChildRunEventsArriveWhenScripted()
    {
        await emulator.ConfigureEventGridAsync(
            new EventGridDelivery(listener.Endpoint, null, null));
        emulator.Scripts.Set("azureml:train", new EmulatorScript { ChildRunEvents = true });
        await cloud.PutAsync(Job, PipelineJob);

        await cloud.GetAsync(Job);
        var events = await listener.UntilAsync(
            e => e.EventType == Completed && e.RunType == "azureml.PipelineRun");

        var child = Assert.Single(
            events,
            e => e.EventType == Completed && e.RunType == "azureml.StepRun");
        Assert.NotEqual("sb-tx1-train-1", child.RunId);
        Assert.True(events.IndexOf(child) < events.Count - 1);
    }

    [Fact]
    public async Task DuplicateAndStaleEventsArriveWhenScripted()
    {
        await emulator.ConfigureEventGridAsync(
            new EventGridDelivery(listener.Endpoint, null, null));
        emulator.Scripts.Set("azureml:train", new EmulatorScript
        {
            SucceedAfterReads = 5,
            DuplicateEvents = true,
            OutOfOrderEvents = true,
        });
        await cloud.PutAsync(Job, PipelineJob);

        for (var read = 0; read < 5; read++)
        {
            await cloud.GetAsync(Job);
        }

        var upToCompletion = await listener.UntilAsync(e => e.EventType == Completed);
        var afterCompletion = await listener.UntilAsync(
            e => e.EventType == StatusChanged && e.RunStatus == "Running");

        var starting = upToCompletion.Where(e => e.RunStatus == "Starting").ToList();
        Assert.Equal(2, starting.Count);
        Assert.Equal(starting[0].Id, starting[1].Id);
        var duplicate = Assert.Single(afterCompletion, e => e.EventType == Completed);
        Assert.Equal(upToCompletion[^1].Id, duplicate.Id);
        var stale = afterCompletion[^1];
        Assert.True(
            DateTimeOffset.Parse((string)stale.Event["eventTime"]!)
            < DateTimeOffset.Parse((string)duplicate.Event["eventTime"]!));
    }

    [Fact]
    public async Task EndpointThatFailsTheHandshakeIsNotConfigured()
    {
        await using var refusing = await EventGridListener.StartAsync(answerHandshake: false);

        var configure = () => emulator.ConfigureEventGridAsync(
            new EventGridDelivery(refusing.Endpoint, null, null));

        await Assert.ThrowsAsync<InvalidOperationException>(configure);
    }
}
