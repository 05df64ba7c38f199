using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SagaBridge.Activities.Workflows;
using SagaBridge.Emulators.Scripting;
using SagaBridge.FunctionApp.Callbacks;
using SagaBridge.Tests.Saga;
using SagaBridge.Transactions.Callbacks;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Callbacks;

/// <summary>The Function App's callback triggers, called as the Functions host would.</summary>
public sealed class CallbackEndpointTests : IAsyncLifetime
{
    private static readonly CallbackOptions Options = new()
    {
        BaseUrl = new Uri("https://sagabridge.example/"),
        SigningKey = CallbackReceiver.SigningKey,
        EventGridSecret = CallbackReceiver.EventGridSecret,
    };

    private readonly CallbackEndpoints endpoints = new(
        Microsoft.Extensions.Options.Options.Create(Options),
        NullLogger<CallbackApi>.Instance);

    private SagaHost host = null!;

    public async Task InitializeAsync() =>
        host = await SagaHost.StartAsync(services: s => s.AddSagaBridgeCallbacks(o =>
        {
            o.BaseUrl = Options.BaseUrl;
            o.SigningKey = Options.SigningKey;
        }));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task TheEventGridTriggerAnswersTheValidationHandshake()
    {
        var request = Request("POST", """
            [{"id":"1","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent",
              "data":{"validationCode":"abc"}}]
            """);
        request.Headers[CallbackOptions.EventGridSecretHeader] = CallbackReceiver.EventGridSecret;

        var result = (ContentResult)await endpoints.ReceiveEventGrid(request, host.Client);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("abc", (string?)JsonNode.Parse(result.Content!)!["validationResponse"]);
    }

    [Fact]
    public async Task TheEventGridTriggerRejectsADeliveryWithoutTheSecret()
    {
        var request = Request("POST", """[{"id":"1","eventType":"x","data":{}}]""");

        var result = (ContentResult)await endpoints.ReceiveEventGrid(request, host.Client);

        Assert.Equal(401, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
    }

    [Fact]
    public async Task TheEventGridTriggerAllowsOnlyEventGridInTheCloudEventsHandshake()
    {
        var allowed = Request("OPTIONS", "");
        allowed.Headers["WebHook-Request-Origin"] = "eventgrid.azure.net";
        var other = Request("OPTIONS", "");
        other.Headers["WebHook-Request-Origin"] = "attacker.example";

        var yes = (ContentResult)await endpoints.ReceiveEventGrid(allowed, host.Client);
        var no = (ContentResult)await endpoints.ReceiveEventGrid(other, host.Client);

        Assert.Equal(200, yes.StatusCode);
        var origin = allowed.HttpContext.Response.Headers["WebHook-Allowed-Origin"];
        Assert.Equal("eventgrid.azure.net", origin);
        Assert.Equal(403, no.StatusCode);
    }

    [Fact]
    public async Task TheStepTriggerCompletesTheWorkflowStepItsUrlWasIssuedFor()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var id = await host.StartAsync(
            CallbackDefinitions.WebhookWorkflow("function-webhook", "10m"));
        var token = await TokenAsync(id);

        var result = (ContentResult)await endpoints.CompleteStep(
            Request("POST", """{"status":"succeeded","output":{"modelUri":"m-7"}}"""),
            host.Client,
            token);
        var report = await host.WaitAsync(id, seconds: 45);
        var late = (ContentResult)await endpoints.CompleteStep(
            Request("POST", """{"status":"failed","error":"late"}"""),
            host.Client,
            token);

        Assert.Equal(202, result.StatusCode);
        Assert.Equal(TransactionState.Committed, report.State);
        Assert.Equal(410, late.StatusCode);
    }

    [Fact]
    public async Task TheStepTriggerRejectsATokenItDidNotIssue()
    {
        var result = (ContentResult)await endpoints.CompleteStep(
            Request("POST", """{"status":"succeeded"}"""),
            host.Client,
            "v1.e30.AAAA");

        Assert.Equal(401, result.StatusCode);
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

    private static HttpRequest Request(string method, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.ContentType = "application/json";

        return context.Request;
    }
}
