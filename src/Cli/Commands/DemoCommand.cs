using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SagaBridge.Emulators;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Standalone;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge demo</c>: the example AI pipeline against the local emulators, twice — once it
/// commits, once evaluation fails and the completed steps are undone, newest first.
/// </summary>
internal static class DemoCommand
{
    private const string Project = "demo-project";

    public static Command Create()
    {
        var inMemory = new Option<bool>("--in-memory")
        {
            Description = "Run on the in-memory engine instead of Azure Storage (Azurite).",
        };
        var storage = new Option<string?>("--storage")
        {
            Description = "Azure Storage connection string (default: Azurite, started if needed).",
        };
        var command = new Command(
            "demo",
            "Run the example AI pipeline twice on the emulators: one commit, one rollback.")
        {
            inMemory,
            storage,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(inMemory),
            parse.GetValue(storage),
            cancellation));

        return command;
    }

    private static async Task<int> RunAsync(
        bool inMemory,
        string? storage,
        CancellationToken cancellation)
    {
        var definition = LoadExample();
        await using var emulator = await CloudEmulator.StartAsync(0, cancellation);
        using var logging = LoggerFactory.Create(
            b => b.SetMinimumLevel(LogLevel.Error).AddConsole());

        var engineOptions = new StandaloneEngineOptions
        {
            InMemory = inMemory,
            TaskHubName = "sagabridgedemo",
        };
        if (storage is not null)
        {
            engineOptions.StorageConnectionString = storage;
        }

        Console.WriteLine(inMemory
            ? "engine: in memory"
            : $"engine: Durable Task Framework on Azure Storage ({Describe(engineOptions)}); "
                + "Azurite is started if nothing answers (the first time installs it: ~1 min)");
        Console.WriteLine($"clouds: emulated at {emulator.BaseUrl}");

        TransactionEngine engine;
        try
        {
            engine = await TransactionEngine.StartAsync(
                new TransactionEngineOptions
                {
                    Engine = engineOptions,
                    Catalog = DefinitionCatalog.Of(definition),
                    EmulatorBaseUrl = emulator.BaseUrl,
                },
                logging,
                cancellation);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            Console.Error.WriteLine($"demo: the engine could not start: {failure.Message}");
            Console.Error.WriteLine("demo: try 'sagabridge demo --in-memory', or give --storage.");

            return 2;
        }

        await using (engine)
        {
            var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

            ScriptHappyPath(emulator);
            var committed = await RunOneAsync(
                engine.Api,
                definition,
                $"demo-commit-{stamp}",
                cancellation);

            emulator.Scripts.Set("workflow:sagabridge-evaluate", new EmulatorScript
            {
                SucceedAfterReads = 2,
                Outcome = ScriptOutcome.Fail,
                ErrorMessage = "accuracy 0.71 is below minAccuracy 0.90",
            });
            var rolledBack = await RunOneAsync(
                engine.Api,
                definition,
                $"demo-rollback-{stamp}",
                cancellation);

            Console.WriteLine();
            Console.WriteLine(Summary(committed));
            Console.WriteLine(Summary(rolledBack));

            return committed.State == nameof(TransactionState.Committed)
                && rolledBack.State == nameof(TransactionState.RolledBack)
                    ? 0
                    : 1;
        }
    }

    private static TransactionDefinition LoadExample()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "ai-pipeline.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();

        // The example polls every few seconds as production should; the demo wants to be quick.
        json["defaults"] = new JsonObject
        {
            ["poll"] = new JsonObject { ["initialInterval"] = "300ms", ["maxInterval"] = "1s" },
        };

        return DefinitionLoader.Load(json.ToJsonString());
    }

    private static void ScriptHappyPath(CloudEmulator emulator)
    {
        emulator.Scripts.Set(
            $"dataflow:gs://{Project}-sagabridge/templates/preprocess-features.json",
            new EmulatorScript { SucceedAfterReads = 4 });
        emulator.Scripts.Set("workflow:sagabridge-train", new EmulatorScript
        {
            SucceedAfterReads = 4,
            ResultJson = $$"""{"modelUri":"projects/{{Project}}/locations/"""
                + """europe-west4/models/churn-7"}""",
        });
        emulator.Scripts.Set("workflow:sagabridge-evaluate", new EmulatorScript
        {
            SucceedAfterReads = 2,
            ResultJson = """{"evaluationId":"eval-0042","accuracy":0.94}""",
        });
        emulator.Scripts.Set("workflow:sagabridge-publish", new EmulatorScript
        {
            SucceedAfterReads = 2,
            ResultJson = """{"deploymentId":"endpoints/churn/deployedModels/7"}""",
        });
        foreach (var undo in new[] { "delete-features", "delete-model", "discard-evaluation" })
        {
            emulator.Scripts.Set($"workflow:sagabridge-{undo}", new EmulatorScript
            {
                SucceedAfterReads = 3,
            });
        }
    }

    private static async Task<TransactionView> RunOneAsync(
        TransactionApi api,
        TransactionDefinition definition,
        string id,
        CancellationToken cancellation)
    {
        var input = new JsonObject
        {
            ["project"] = Project,
            ["region"] = "europe-west4",
            ["dataset"] = "bq://demo-project.sales.customers",
            ["modelName"] = "churn",
            ["minAccuracy"] = 0.9,
        };
        Console.WriteLine();
        Console.WriteLine($"transaction {id} ({definition.Name} v{definition.Version})");

        var started = await api.StartAsync(definition, id, input, "demo", cancellation);
        if (started.Status is not (200 or 202))
        {
            throw new InvalidOperationException(
                "The demo transaction was refused: "
                + System.Text.Json.JsonSerializer.Serialize(started.Body, ApiJson.Options));
        }

        return await WatchAsync(api, id, cancellation);
    }

    /// <summary>Prints every change of a step's state until the transaction ends.</summary>
    private static async Task<TransactionView> WatchAsync(
        TransactionApi api,
        string id,
        CancellationToken cancellation)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastState = "";
        while (true)
        {
            var view = await api.FindAsync(id, cancellation);
            if (view is not null)
            {
                if (view.State != lastState)
                {
                    Console.WriteLine($"  {Clock()}  transaction  {view.State}"
                        + (view.Reason is null ? "" : $" — {view.Reason}"));
                    lastState = view.State;
                }

                foreach (var step in view.Steps)
                {
                    var line = StepLine(step);
                    if (!seen.TryGetValue(step.Id, out var previous) || previous != line)
                    {
                        seen[step.Id] = line;
                        Console.WriteLine($"  {Clock()}  {line}");
                    }
                }

                if (view.Finished)
                {
                    return view;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellation);
        }
    }

    private static string StepLine(StepReport step)
    {
        var remote = step.State is StepState.Compensating or StepState.Compensated
            && step.Compensation?.RemoteId is { } undo
                ? $"undo: {Short(undo)}"
                : step.RemoteId is { } id ? Short(id) : "";

        return $"{step.Id,-11}{step.State,-14}{remote}";
    }

    private static string Summary(TransactionView view)
    {
        var succeeded = view.Steps.Where(s => s.CompletedOrder is not null)
            .OrderBy(s => s.CompletedOrder).Select(s => s.Id).ToList();
        var undone = view.Steps.Where(s => s.Compensation?.Order is not null)
            .OrderBy(s => s.Compensation!.Order).Select(s => s.Id).ToList();
        var failed = view.Steps.Where(s => s.State == StepState.Failed).Select(s => s.Id).ToList();

        return view.State == nameof(TransactionState.Committed)
            ? $"{view.Id}: {view.State} — {string.Join(", ", succeeded)} succeeded"
            : $"{view.Id}: {view.State} — {string.Join(", ", failed)} failed; "
                + $"compensated {string.Join(", ", undone)} (newest first)";
    }

    private static string Short(string resourceName)
    {
        var parts = resourceName.Split('/');

        return parts.Length > 2 ? string.Join('/', parts[^2..]) : resourceName;
    }

    private static string Clock() =>
        DateTime.Now.ToString("HH:mm:ss.f", CultureInfo.InvariantCulture);

    private static string Describe(StandaloneEngineOptions options) =>
        options.StorageConnectionString == StandaloneEngineOptions.DevelopmentStorage
            ? "Azurite, task hub " + options.TaskHubName
            : "task hub " + options.TaskHubName;
}
