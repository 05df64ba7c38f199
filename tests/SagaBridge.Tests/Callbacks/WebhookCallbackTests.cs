using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Workflows;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Tests.Saga;
using SagaBridge.Transactions.Callbacks;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Callbacks;

public sealed class WebhookCallbackTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private CallbackReceiver receiver = null!;
    private SagaHost host = null!;

    public async Task InitializeAsync()
    {
        receiver = await CallbackReceiver.StartAsync();
        host = await SagaHost.StartAsync(services: s => s.AddSagaBridgeCallbacks(o =>
        {
            o.BaseUrl = receiver.Options.BaseUrl;
            o.SigningKey = receiver.Options.SigningKey;
        }));
        receiver.Client = host.Client;
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task AWorkflowPostingSuccessToItsUrlCompletesTheStepWithItsOutput()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var id = await host.StartAsync(CallbackDefinitions.WebhookWorkflow("webhook-ok", "10m"));
        var url = await CallbackUrlAsync(id);

        using var answer = await Http.PostAsJsonAsync(url, new
        {
            status = "succeeded",
            output = new { modelUri = "projects/p/locations/l/models/42" },
        });
        var report = await host.WaitAsync(id, seconds: 45);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(TransactionState.Committed, report.State);
        Assert.Equal("REPORTED_BY_CALLBACK", report.Steps[0].RemoteState);
        var publish = Execution("wf-publish");
        Assert.Contains("projects/p/locations/l/models/42", publish.ArgumentJson);
        Assert.StartsWith(
            new Uri(receiver.BaseUrl, SignedCallbackUrls.RoutePrefix).AbsoluteUri,
            url.AbsoluteUri);
    }

    [Fact]
    public async Task AWorkflowPostingFailureFailsTheStepAndRollsBack()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var id = await host.StartAsync(CallbackDefinitions.WebhookWorkflow("webhook-fail", "10m"));
        var url = await CallbackUrlAsync(id);

        using var answer = await Http.PostAsJsonAsync(url, new
        {
            status = "failed",
            error = "training pipeline failed: quota",
        });
        var report = await host.WaitAsync(id, seconds: 45);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(TransactionState.RolledBack, report.State);
        Assert.Equal(StepState.Failed, report.Steps[0].State);
        Assert.Equal("training pipeline failed: quota", report.Steps[0].LastError);
    }

    [Fact]
    public async Task AWebhookForAFinishedStepAnswers410AndChangesNothing()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var id = await host.StartAsync(CallbackDefinitions.WebhookWorkflow("webhook-late", "10m"));
        var url = await CallbackUrlAsync(id);
        using var first = await Http.PostAsJsonAsync(url, new
        {
            status = "succeeded",
            output = new { modelUri = "m-1" },
        });
        var report = await host.WaitAsync(id, seconds: 45);

        using var again = await Http.PostAsJsonAsync(
            url,
            new { status = "failed", error = "late" });
        var after = await host.WaitAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal(TransactionState.Committed, after.State);
        Assert.Equal(report.EndedAt, after.EndedAt);
        Assert.All(after.Steps, s => Assert.Equal(StepState.Succeeded, s.State));
    }

    [Fact]
    public async Task AForgedOrAlteredTokenIsRejectedAndTheStepKeepsWaiting()
    {
        host.Emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var id = await host.StartAsync(
            CallbackDefinitions.WebhookWorkflow("webhook-forged", "10m"));
        var url = await CallbackUrlAsync(id);
        var key = new RemoteWorkKey(id, "train", "step", 1);
        var otherKey = StepCallbackToken.Sign(key, "another-signing-key-0123456789abcdef0123");
        var genuine = url.Segments[^1].Split('.');
        var otherStep = StepCallbackToken
            .Sign(key with { StepId = "publish" }, new string('x', 40))
            .Split('.');
        var spliced = $"{genuine[0]}.{otherStep[1]}.{genuine[2]}";

        using var forged = await PostTokenAsync(otherKey);
        using var altered = await PostTokenAsync(spliced);
        using var garbage = await PostTokenAsync("not-a-token");
        var metadata = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, altered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        var report = metadata!.ReadCustomStatusAs<TransactionReport>()!;
        Assert.Equal(StepState.Running, report.Steps[0].State);
        Assert.Equal(StepState.Pending, report.Steps[1].State);
    }

    [Fact]
    public async Task AWebhookForAnUnknownTransactionAnswers404()
    {
        var token = StepCallbackToken.Sign(
            new RemoteWorkKey("no-such-transaction", "train", "step", 1),
            CallbackReceiver.SigningKey);

        using var answer = await PostTokenAsync(token);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task AWebhookWithAnUnknownStatusIsRefusedNamingTheField()
    {
        var token = StepCallbackToken.Sign(
            new RemoteWorkKey("tx-1", "train", "step", 1),
            CallbackReceiver.SigningKey);

        var answer = await receiver.Api().CompleteStepAsync(token, """{"status":"done"}""");

        Assert.Equal(400, answer.Status);
        Assert.Contains("$.status", SagaHost.Describe(answer));
    }

    [Fact]
    public async Task WithoutAWebhookCompletionNoCallbackUrlIsPassed()
    {
        host.Emulator.Scripts.Set("workflow:wf-plain", new EmulatorScript());

        var id = await host.StartAsync(TestDefinitions.Chain("no-webhook", "plain"));
        await host.WaitAsync(id);

        var execution = Execution("wf-plain");
        Assert.DoesNotContain(WorkflowDriver.CallbackUrlArgument, execution.ArgumentJson ?? "");
    }

    private async Task<Uri> CallbackUrlAsync(string id)
    {
        await host.WaitUntilAsync(id, r => r.Steps[0].State == StepState.Running);
        var execution = Execution("wf-train");
        var argument = JsonNode.Parse(execution.ArgumentJson!)!;
        var url = new Uri((string)argument[WorkflowDriver.CallbackUrlArgument]!);

        // The step's wait starts just after its work does; the URL answers 503 until then.
        for (var i = 0; i < 200; i++)
        {
            var wait = StepInstanceId.For(id, "train", "step", 1);
            var waiting = await host.Client.GetInstanceAsync(wait);
            if (waiting is not null)
            {
                return url;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The wait of {id}/train never started.");
    }

    private SagaBridge.Emulators.Records.WorkflowExecutionRecord Execution(string workflow) =>
        host.Emulator.Records.WorkflowExecutions.Single(e => e.Workflow == workflow);

    private Task<HttpResponseMessage> PostTokenAsync(string token) =>
        Http.PostAsync(
            new Uri(receiver.BaseUrl, SignedCallbackUrls.RoutePrefix + token),
            JsonContent.Create(new { status = "succeeded" }, options: JsonSerializerOptions.Web));
}
