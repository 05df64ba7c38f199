using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Emulators;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Standalone;
using SagaBridge.Standalone.Http;
using SagaBridge.Tests.Saga;
using SagaBridge.Tests.Standalone;
using SagaBridge.Transactions.Callbacks;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Dev;

/// <summary>The callback routes of the standalone host, over real HTTP.</summary>
public sealed class StandaloneCallbackTests : IAsyncLifetime
{
    private readonly CallbackOptions callbacks = new()
    {
        SigningKey = new string('k', 48),
        EventGridSecret = "grid-secret",
    };

    private CloudEmulator emulator = null!;
    private TransactionEngine engine = null!;
    private TransactionHttpHost host = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var port = AzuriteFixture.FreePort();
        callbacks.BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        emulator = await CloudEmulator.StartAsync();
        emulator.Scripts.Set("workflow:wf-train", new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        var definition = TestDefinitions.Chain("reported", "train");
        definition["steps"]![0]!["parameters"]!["completion"] = "webhook";
        definition["defaults"]!["poll"]!["callbackInterval"] = "10m";

        engine = await TransactionEngine.StartAsync(
            new TransactionEngineOptions
            {
                Engine = new StandaloneEngineOptions { InMemory = true },
                Catalog = DefinitionCatalog.Of(DefinitionLoader.Load(definition.ToJsonString())),
                EmulatorBaseUrl = emulator.BaseUrl,
                ConfigureServices = services => services.AddSagaBridgeCallbacks(o =>
                {
                    o.BaseUrl = callbacks.BaseUrl;
                    o.SigningKey = callbacks.SigningKey;
                    o.EventGridSecret = callbacks.EventGridSecret;
                }),
            },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        host = await TransactionHttpHost.StartAsync(
            engine.Api,
            engine.Client,
            new TransactionHttpHostOptions
            {
                Port = port,
                ApiKey = "api-key-1",
                Callbacks = callbacks,
            },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        http = new HttpClient { BaseAddress = host.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
        await engine.DisposeAsync();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task AWorkflowReportingThroughItsSignedUrlCompletesTheStepOnlyOnce()
    {
        await engine.Api.StartByNameAsync("reported", """{"id":"hooked-1"}""");
        var url = await CallbackUrlAsync();

        var first = await http.PostAsJsonAsync(url, new
        {
            status = "succeeded",
            output = new { modelUri = "gs://models/7" },
        });
        var report = await WaitAsync("hooked-1");
        var again = await http.PostAsJsonAsync(url, new { status = "failed", error = "late" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(TransactionState.Committed, report.State);
        Assert.Equal("REPORTED_BY_CALLBACK", report.Step("train").RemoteState);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task AForgedStepTokenAndAnEventWithoutTheSecretAreRejected()
    {
        var forged = await http.PostAsJsonAsync(
            "api/callbacks/steps/not-a-token",
            new { status = "succeeded" });
        var grid = await http.PostAsync(
            "api/callbacks/eventgrid?code=api-key-1",
            new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, grid.StatusCode);
    }

    private async Task<string> CallbackUrlAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            var execution = emulator.Records.WorkflowExecutions
                .FirstOrDefault(e => e.Workflow == "wf-train");
            if (execution?.ArgumentJson is { } argument)
            {
                return JsonNode.Parse(argument)!["sagabridgeCallbackUrl"]!.GetValue<string>();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The workflow was not started.");
    }

    private async Task<TransactionReport> WaitAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout.Token);

        return done.ReadOutputAs<TransactionReport>()!;
    }
}
