using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Emulators;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Standalone;
using SagaBridge.Standalone.Http;
using SagaBridge.Tests.Saga;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Tests.Dev;

/// <summary>
/// What <c>sagabridge dev --in-memory --emulate</c> runs, on free ports: the in-memory engine
/// talking to the cloud emulators, and the HTTP host in front of it.
/// </summary>
public sealed class DevHostFixture : IAsyncLifetime
{
    /// <summary>Two workflow steps that succeed: <c>a</c>, then <c>b</c>.</summary>
    public const string Pipeline = "pipeline";

    /// <summary>Step <c>y</c> fails, so <c>x</c> is compensated.</summary>
    public const string Failing = "failing";

    /// <summary>One step whose remote work never finishes: it runs until cancelled.</summary>
    public const string Held = "held";

    /// <summary>Requires input <c>dataset</c> (a string); <c>rows</c> must be an integer.</summary>
    public const string Typed = "typed";

    public CloudEmulator Emulator { get; private set; } = null!;

    public TransactionEngine Engine { get; private set; } = null!;

    public TransactionHttpHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        Emulator = await CloudEmulator.StartAsync();
        Emulator.Scripts.Set("workflow:wf-y", new EmulatorScript
        {
            Outcome = ScriptOutcome.Fail,
            ErrorMessage = "y broke",
        });
        Emulator.Scripts.Set(
            "workflow:wf-wait",
            new EmulatorScript { Outcome = ScriptOutcome.RunUntilCancelled });

        var typed = TestDefinitions.Chain(Typed, "t");
        typed["inputSchema"] = JsonNode.Parse("""
            {"type":"object","required":["dataset"],
             "properties":{"dataset":{"type":"string"},"rows":{"type":"integer"}}}
            """);
        var catalog = DefinitionCatalog.Of(
            Load(TestDefinitions.Chain(Pipeline, "a", "b")),
            Load(TestDefinitions.Chain(Failing, "x", "y")),
            Load(TestDefinitions.Chain(Held, "wait")),
            Load(typed));

        Engine = await TransactionEngine.StartAsync(
            new TransactionEngineOptions
            {
                Engine = new StandaloneEngineOptions { InMemory = true },
                Catalog = catalog,
                EmulatorBaseUrl = Emulator.BaseUrl,
                ConfigureRetry = retry =>
                {
                    retry.InitialDelay = TimeSpan.FromMilliseconds(10);
                    retry.MaxDelay = TimeSpan.FromSeconds(1);
                },
            },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        Host = await StartHostAsync(new TransactionHttpHostOptions { Port = 0 });
        Http = new HttpClient { BaseAddress = Host.BaseUrl };
    }

    /// <summary>Another host over the same engine, for tests of the host's own options.</summary>
    public Task<TransactionHttpHost> StartHostAsync(TransactionHttpHostOptions options) =>
        TransactionHttpHost.StartAsync(
            Engine.Api,
            Engine.Client,
            options,
            NullLoggerFactory.Instance);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Engine.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    private static TransactionDefinition Load(JsonObject definition) =>
        DefinitionLoader.Load(definition.ToJsonString());
}
