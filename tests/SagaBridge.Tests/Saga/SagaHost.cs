using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities;
using SagaBridge.Emulators;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Tests.Saga;

/// <summary>
/// The product as a test meets it: the real orchestrators and activities on the in-memory
/// Durable Task engine, talking real HTTP to the cloud emulators on loopback.
/// </summary>
public sealed class SagaHost : IAsyncDisposable
{
    private SagaHost(CloudEmulator emulator, DurableTaskTestHost engine, DefinitionCatalog catalog)
    {
        Emulator = emulator;
        Engine = engine;
        Api = new TransactionApi(engine.Client, catalog);
    }

    public CloudEmulator Emulator { get; }

    public DurableTaskTestHost Engine { get; }

    public DurableTaskClient Client => Engine.Client;

    public TransactionApi Api { get; }

    /// <param name="catalog">Definitions the API starts by name.</param>
    /// <param name="services">More services for the activities (a callback URL issuer...).</param>
    public static async Task<SagaHost> StartAsync(
        DefinitionCatalog? catalog = null,
        Action<IServiceCollection>? services = null)
    {
        var emulator = await CloudEmulator.StartAsync();
        DurableTaskTestHost? engine = null;
        for (var attempt = 1; engine is null; attempt++)
        {
            try
            {
                engine = await DurableTaskTestHost.StartAsync(
                    registry =>
                    {
                        foreach (var type in SagaTasks.Orchestrators)
                        {
                            registry.AddOrchestrator(type);
                        }

                        foreach (var type in SagaTasks.Activities)
                        {
                            registry.AddActivity(type);
                        }
                    },
                    new DurableTaskTestHostOptions
                    {
                        LoggerFactory = LoggerFactory.Create(
                            b => b.SetMinimumLevel(LogLevel.Warning)),
                        ConfigureServices = collection =>
                        {
                            collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
                            collection.AddSagaBridgeActivitiesWithStaticTokens(
                                endpoints =>
                                {
                                    endpoints.WorkflowsBaseUrl = emulator.BaseUrl;
                                    endpoints.DataflowBaseUrl = emulator.BaseUrl;
                                    endpoints.AzureManagementBaseUrl = emulator.BaseUrl;
                                },
                                configureRetry: retry =>
                                {
                                    retry.InitialDelay = TimeSpan.FromMilliseconds(10);
                                    retry.MaxDelay = TimeSpan.FromSeconds(2);
                                });
                            services?.Invoke(collection);
                        },
                    });
            }
            catch (IOException) when (attempt < 5)
            {
                // The sidecar takes a random port from 30000-40000, which another process
                // on a shared machine may hold; another random port is tried.
            }
        }

        return new SagaHost(emulator, engine, catalog ?? DefinitionCatalog.Of());
    }

    /// <summary>Starts a transaction of <paramref name="definition"/> and returns its id.</summary>
    public async Task<string> StartAsync(
        JsonObject definition,
        JsonNode? input = null,
        string? id = null)
    {
        var body = new JsonObject
        {
            ["definition"] = definition.DeepClone(),
            ["input"] = input?.DeepClone(),
        };
        if (id is not null)
        {
            body["id"] = id;
        }

        var response = await Api.StartInlineAsync(body.ToJsonString());
        Assert.True(
            response.Status == 202,
            $"start answered {response.Status}: {Describe(response)}");

        return ((TransactionView)response.Body!).Id;
    }

    /// <summary>
    /// Waits until the transaction's orchestration has ended and returns its report.
    /// </summary>
    public async Task<TransactionReport> WaitAsync(string id, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            var metadata = await Client.WaitForInstanceCompletionAsync(id, true, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);

            return metadata.ReadOutputAs<TransactionReport>()!;
        }
        catch (OperationCanceledException)
        {
            var status = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            var steps = new List<string>();
            await foreach (var step in Client.GetAllInstancesAsync(new OrchestrationQuery
            {
                InstanceIdPrefix = id + "::",
                FetchInputsAndOutputs = true,
            }))
            {
                steps.Add($"{step.InstanceId}={step.RuntimeStatus} {step.SerializedInput}");
            }

            throw new TimeoutException(
                $"Transaction {id} did not end in {seconds} s; status: "
                + $"{status?.SerializedCustomStatus}; steps: {string.Join(" | ", steps)}");
        }
    }

    /// <summary>Polls the transaction's status until <paramref name="reached"/> holds.</summary>
    public async Task<TransactionReport> WaitUntilAsync(
        string id,
        Func<TransactionReport, bool> reached,
        int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            var metadata = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            var report = metadata?.SerializedCustomStatus is null
                ? null
                : metadata.ReadCustomStatusAs<TransactionReport>();
            if (report is not null && reached(report))
            {
                return report;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException(
            $"Transaction {id} did not reach the expected state in {seconds} s.");
    }

    public static string Describe(ApiResponse response) =>
        System.Text.Json.JsonSerializer.Serialize(response.Body, ApiJson.Options);

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
