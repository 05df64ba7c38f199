using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Activities.Workflows;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Standalone.Http;
using SagaBridge.Tests.Saga;
using SagaBridge.Transactions.Callbacks;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Callbacks;

/// <summary>The callback routes of the standalone HTTP host, with an API key required.</summary>
public sealed class StandaloneCallbackRouteTests : IAsyncLifetime
{
    private const string ApiKey = "standalone-api-key";

    private static readonly HttpClient Http = new();

    private SagaHost host = null!;
    private TransactionHttpHost web = null!;

    public async Task InitializeAsync()
    {
        host = await SagaHost.StartAsync(services: s => s.AddSagaBridgeCallbacks(o =>
        {
            o.BaseUrl = new Uri("https://standalone.example/");
            o.SigningKey = CallbackReceiver.SigningKey;
        }));
        web = await TransactionHttpHost.StartAsync(
            host.Api,
            host.Client,
            new TransactionHttpHostOptions
            {
                Port = 0,
                ApiKey = ApiKey,
                Callbacks = new CallbackOptions
                {
                    SigningKey = CallbackReceiver.SigningKey,
                    EventGridSecret = CallbackReceiver.EventGridSecret,
                },
            },
            NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        await web.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task AWorkflowCompletesItsStepThroughTheStandaloneHostWithoutAnApiKey()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var id = await host.StartAsync(
            CallbackDefinitions.WebhookWorkflow("standalone-webhook", "10m"));
        var token = await TokenAsync(id);

        using var answer = await Http.PostAsJsonAsync(
            new Uri(web.BaseUrl, "api/callbacks/steps/" + token),
            new { status = "succeeded", output = new { modelUri = "m-9" } });
        var report = await host.WaitAsync(id, seconds: 45);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(TransactionState.Committed, report.State);
    }

    [Fact]
    public async Task EventGridDeliveriesNeedTheApiKeyAndTheSecret()
    {
        var handshake = new JsonArray(new JsonObject
        {
            ["id"] = "1",
            ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent",
            ["data"] = new JsonObject { ["validationCode"] = "c-1" },
        });
        var runEvent = new JsonArray(new JsonObject
        {
            ["id"] = "2",
            ["eventType"] = "Microsoft.MachineLearningServices.RunCompleted",
            ["data"] = new JsonObject { ["runType"] = "azureml.PipelineRun" },
        });
        var keyed = new Uri(web.BaseUrl, "api/callbacks/eventgrid?code=" + ApiKey);

        using var withoutKey = await Http.PostAsync(
            new Uri(web.BaseUrl, "api/callbacks/eventgrid"),
            JsonContent.Create(handshake));
        using var validated = await Http.PostAsync(keyed, JsonContent.Create(handshake));
        using var withoutSecret = await Http.PostAsync(keyed, JsonContent.Create(runEvent));
        using var request = new HttpRequestMessage(HttpMethod.Post, keyed)
        {
            Content = JsonContent.Create(runEvent),
        };
        request.Headers.Add(
            CallbackOptions.EventGridSecretHeader,
            CallbackReceiver.EventGridSecret);
        using var accepted = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Contains("c-1", await validated.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private async Task<string> TokenAsync(string id)
    {
        await host.WaitUntilAsync(id, r => r.Steps[0].State == StepState.Running);
        var execution = host.Emulator.Records.WorkflowExecutions
            .Single(e => e.Workflow == "wf-train");
        var argument = JsonNode.Parse(execution.ArgumentJson!)!;
        var url = (string)argument[WorkflowDriver.CallbackUrlArgument]!;
        var wait = StepInstanceId.For(id, "train", "step", 1);
        for (var i = 0; i < 200; i++)
        {
            if (await host.Client.GetInstanceAsync(wait) is not null)
            {
                return url[(url.LastIndexOf('/') + 1)..];
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The wait of {id}/train never started.");
    }
}
