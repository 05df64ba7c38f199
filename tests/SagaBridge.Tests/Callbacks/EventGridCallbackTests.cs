using System.Text.Json.Nodes;
using SagaBridge.Activities.AzureMl;
using SagaBridge.Activities.Remote;
using SagaBridge.Emulators.EventGrid;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Tests.Saga;
using SagaBridge.Transactions.Callbacks;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Callbacks;

public sealed class EventGridCallbackTests : IAsyncLifetime
{
    private CallbackReceiver receiver = null!;
    private SagaHost host = null!;

    public async Task InitializeAsync()
    {
        receiver = await CallbackReceiver.StartAsync();
        host = await SagaHost.StartAsync(services: s => s.AddSagaBridgeCallbacks(o =>
        {
            o.BaseUrl = receiver.Options.BaseUrl;
            o.SigningKey = receiver.Options.SigningKey;
            o.EventGridSecret = receiver.Options.EventGridSecret;
        }));
        receiver.Client = host.Client;
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task APipelineStepIsCompletedByItsRunCompletedEventLongBeforeTheSafetyNetPoll()
    {
        await DeliverEventsAsync();
        host.Emulator.Scripts.Set("azureml:exp-event", new EmulatorScript
        {
            SucceedAfterReads = 3,
            AdvanceEvery = TimeSpan.FromMilliseconds(100),
            ResultJson = """{"model":{"uri":"azureml://models/m1"}}""",
        });

        var id = await host.StartAsync(
            CallbackDefinitions.Pipeline("by-event", "exp-event", "eventGrid", "10m"));
        var report = await host.WaitAsync(id, seconds: 45);

        Assert.Equal(TransactionState.Committed, report.State);
        var step = Assert.Single(report.Steps);
        Assert.Equal(StepState.Succeeded, step.State);
        Assert.Equal("Completed", step.RemoteState);
        Assert.Contains(
            host.Emulator.Records.DeliveredEvents,
            e => e.EventType.EndsWith("RunCompleted", StringComparison.Ordinal)
                && e.HttpStatus == 200);
    }

    [Fact]
    public async Task DuplicateAndOutOfOrderEventsChangeNothing()
    {
        await DeliverEventsAsync();
        host.Emulator.Scripts.Set("azureml:exp-dup", new EmulatorScript
        {
            SucceedAfterReads = 3,
            AdvanceEvery = TimeSpan.FromMilliseconds(100),
            DuplicateEvents = true,
            OutOfOrderEvents = true,
        });

        var id = await host.StartAsync(
            CallbackDefinitions.Pipeline("dup-events", "exp-dup", "eventGrid", "10m"));
        var report = await host.WaitAsync(id, seconds: 45);
        var late = await receiver.Api().ReceiveEventGridAsync(
            CallbackReceiver.EventGridSecret,
            RunEvent(id, "Completed", "azureml.PipelineRun").ToJsonString());
        var after = await host.WaitAsync(id);

        Assert.Equal(TransactionState.Committed, report.State);
        Assert.Equal(1, report.Steps[0].Attempts);
        Assert.Single(host.Emulator.Records.AzureMlJobs);
        Assert.All(host.Emulator.Records.DeliveredEvents, e => Assert.Equal(200, e.HttpStatus));
        Assert.Equal(200, late.Status);
        Assert.Equal(0, Woken(late));
        Assert.Equal(report.EndedAt, after.EndedAt);
        Assert.Equal(StepState.Succeeded, after.Steps[0].State);
    }

    [Fact]
    public async Task AnEventOfAChildRunWakesNoStepButTheParentRunsEventDoes()
    {
        host.Emulator.Scripts.Set("azureml:exp-child", new EmulatorScript
        {
            Outcome = ScriptOutcome.Succeed,
            SucceedAfterReads = 2,
        });
        var id = await host.StartAsync(
            CallbackDefinitions.Pipeline("child-run", "exp-child", "eventGrid", "10m"));
        await host.WaitUntilAsync(id, r => r.Steps[0].State == StepState.Running);
        await WaitForStepWaitAsync(id);

        var child = await receiver.Api().ReceiveEventGridAsync(
            CallbackReceiver.EventGridSecret,
            RunEvent(id, "Completed", "azureml.StepRun").ToJsonString());
        var parent = await receiver.Api().ReceiveEventGridAsync(
            CallbackReceiver.EventGridSecret,
            RunEvent(id, "Completed", "azureml.PipelineRun").ToJsonString());
        var report = await host.WaitAsync(id, seconds: 45);

        Assert.Equal(200, child.Status);
        Assert.Equal(0, Woken(child));
        Assert.Equal(1, Woken(parent));
        Assert.Equal(TransactionState.Committed, report.State);
    }

    [Fact]
    public async Task AForgedEventWithoutTheSecretIsRejectedAndWakesNothing()
    {
        host.Emulator.Scripts.Set("azureml:exp-forged", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var id = await host.StartAsync(
            CallbackDefinitions.Pipeline("forged", "exp-forged", "eventGrid", "10m"));
        await host.WaitUntilAsync(id, r => r.Steps[0].State == StepState.Running);
        var forged = RunEvent(id, "Completed", "azureml.PipelineRun").ToJsonString();

        var wrong = await receiver.Api().ReceiveEventGridAsync("guessed", forged);
        var missing = await receiver.Api().ReceiveEventGridAsync(null, forged);
        var unconfigured = await new CallbackApi(host.Client, new CallbackOptions())
            .ReceiveEventGridAsync("", forged);
        var metadata = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.Equal(401, wrong.Status);
        Assert.Equal(401, missing.Status);
        Assert.Equal(401, unconfigured.Status);
        var report = metadata!.ReadCustomStatusAs<TransactionReport>()!;
        Assert.Equal(TransactionState.Running, report.State);
        Assert.Equal(StepState.Running, report.Steps[0].State);
    }

    [Fact]
    public async Task TheSubscriptionValidationHandshakeIsAnsweredWithItsCode()
    {
        var handshake = new JsonArray(new JsonObject
        {
            ["id"] = "1",
            ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent",
            ["data"] = new JsonObject { ["validationCode"] = "code-123" },
        });

        var answer = await receiver.Api().ReceiveEventGridAsync(
            CallbackReceiver.EventGridSecret,
            handshake.ToJsonString());

        Assert.Equal(200, answer.Status);
        var body = JsonNode.Parse(SagaHost.Describe(answer))!;
        Assert.Equal("code-123", (string?)body["validationResponse"]);
    }

    [Fact]
    public async Task TheHandshakeNeedsNoSecretButARunEventBesideItDoes()
    {
        var validation = new JsonObject
        {
            ["id"] = "1",
            ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent",
            ["data"] = new JsonObject { ["validationCode"] = "code-456" },
        };
        var mixed = RunEvent("tx-1", "Completed", "azureml.PipelineRun");
        mixed.Add(validation.DeepClone());

        var alone = await receiver.Api().ReceiveEventGridAsync(
            null,
            new JsonArray(validation).ToJsonString());
        var smuggled = await receiver.Api().ReceiveEventGridAsync(null, mixed.ToJsonString());

        Assert.Equal(200, alone.Status);
        Assert.Contains("code-456", SagaHost.Describe(alone));
        Assert.Equal(401, smuggled.Status);
    }

    [Fact]
    public async Task ACloudEventForTheParentRunWakesTheStep()
    {
        host.Emulator.Scripts.Set(
            "azureml:exp-cloud",
            new EmulatorScript { SucceedAfterReads = 2 });
        var id = await host.StartAsync(
            CallbackDefinitions.Pipeline("cloud-event", "exp-cloud", "eventGrid", "10m"));
        await host.WaitUntilAsync(id, r => r.Steps[0].State == StepState.Running);
        await WaitForStepWaitAsync(id);
        var gridEvent = (JsonObject)RunEvent(id, "Completed", "azureml.PipelineRun")[0]!;
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = "ce-1",
            ["source"] = "/subscriptions/sub-1/resourceGroups/rg-ml/workspaces/ws-1",
            ["type"] = "Microsoft.MachineLearningServices.RunCompleted",
            ["data"] = gridEvent["data"]!.DeepClone(),
        };

        var answer = await receiver.Api().ReceiveEventGridAsync(
            CallbackReceiver.EventGridSecret,
            cloudEvent.ToJsonString());
        var report = await host.WaitAsync(id, seconds: 45);

        Assert.Equal(1, Woken(answer));
        Assert.Equal(TransactionState.Committed, report.State);
    }

    [Fact]
    public async Task WhenNoEventArrivesTheSafetyNetPollFinishesTheStep()
    {
        host.Emulator.Scripts.Set(
            "azureml:exp-silent",
            new EmulatorScript { SucceedAfterReads = 3 });

        var id = await host.StartAsync(
            CallbackDefinitions.Pipeline("no-event", "exp-silent", "eventGrid", "200ms"));
        var report = await host.WaitAsync(id, seconds: 45);

        Assert.Equal(TransactionState.Committed, report.State);
        Assert.Equal("Completed", report.Steps[0].RemoteState);
        Assert.Empty(host.Emulator.Records.DeliveredEvents);
    }

    private Task DeliverEventsAsync() =>
        host.Emulator.ConfigureEventGridAsync(new EventGridDelivery(
            receiver.EventGridEndpoint,
            CallbackOptions.EventGridSecretHeader,
            CallbackReceiver.EventGridSecret));

    /// <summary>Waits until the step's wait orchestration exists, so an event reaches it.</summary>
    private async Task WaitForStepWaitAsync(string id)
    {
        var instance = StepInstanceId.For(id, "train", "step", 1);
        for (var i = 0; i < 200; i++)
        {
            if (await host.Client.GetInstanceAsync(instance) is not null)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The wait of {id}/train never started.");
    }

    private static JsonArray RunEvent(string transactionId, string status, string runType)
    {
        var job = AzureMlJobName.For(new RemoteWorkKey(transactionId, "train", "step", 1)).Value;
        var runId = runType == "azureml.PipelineRun" ? job : job + "_step";

        return new JsonArray(new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["topic"] = "/subscriptions/sub-1/resourceGroups/rg-ml/workspaces/ws-1",
            ["subject"] = $"experiments/e1/runs/{runId}",
            ["eventType"] = "Microsoft.MachineLearningServices.RunCompleted",
            ["eventTime"] = "2026-01-01T00:00:00Z",
            ["data"] = new JsonObject
            {
                ["experimentId"] = "e1",
                ["experimentName"] = "exp",
                ["runId"] = runId,
                ["runType"] = runType,
                ["runTags"] = new JsonObject
                {
                    [AzureMlPipelineDriver.TransactionTag] = transactionId,
                    [AzureMlPipelineDriver.StepTag] = "train",
                },
                ["runStatus"] = status,
            },
            ["dataVersion"] = "2",
            ["metadataVersion"] = "1",
        });
    }

    private static int Woken(Transactions.Api.ApiResponse response) =>
        (int)JsonNode.Parse(SagaHost.Describe(response))!["woken"]!;
}
