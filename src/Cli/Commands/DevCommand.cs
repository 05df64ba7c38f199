using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using SagaBridge.Emulators;
using SagaBridge.Standalone;
using SagaBridge.Standalone.Azurite;
using SagaBridge.Standalone.Http;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge dev</c>: the durable engine, the HTTP API (same routes as the Function App) and
/// the dashboard in one process until Ctrl+C; optionally with the cloud emulators.
/// </summary>
internal static class DevCommand
{
    private const string DefaultDefinitions = "examples";

    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port of the API and dashboard (0 picks a free one).",
            DefaultValueFactory = _ => TransactionHttpHostOptions.DefaultPort,
        };
        var bind = new Option<string>("--bind")
        {
            Description = "Address to listen on; anything but loopback requires --api-key.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "Key callers send in x-api-key or x-functions-key.",
        };
        var inMemory = new Option<bool>("--in-memory")
        {
            Description = "Keep transactions in memory (lost on exit) instead of Azure Storage.",
        };
        var storage = new Option<string?>("--storage")
        {
            Description = "Azure Storage connection string (default: Azurite, started if needed).",
        };
        var taskHub = new Option<string>("--task-hub")
        {
            Description = "Task hub name; processes sharing storage and task hub share the work.",
            DefaultValueFactory = _ => "sagabridge",
        };
        var definitions = new Option<string>("--definitions")
        {
            Description = "Folder of transaction definitions (*.json) to start by name.",
            DefaultValueFactory = _ => DefaultDefinitions,
        };
        var emulate = new Option<bool>("--emulate")
        {
            Description = "Also run the cloud emulators and send every cloud call to them.",
        };
        var emulatorPort = new Option<int>("--emulator-port")
        {
            Description = "Port of the emulators with --emulate (0 picks a free one).",
        };
        var command = new Command(
            "dev",
            "Run the engine, the HTTP API and the dashboard locally until Ctrl+C.")
        {
            port, bind, apiKey, inMemory, storage, taskHub, definitions, emulate, emulatorPort,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new DevSettings(
                parse.GetValue(port),
                parse.GetValue(bind)!,
                parse.GetValue(apiKey),
                parse.GetValue(inMemory),
                parse.GetValue(storage),
                parse.GetValue(taskHub)!,
                parse.GetValue(definitions)!,
                parse.GetValue(emulate),
                parse.GetValue(emulatorPort)),
            cancellation));

        return command;
    }

    private static async Task<int> RunAsync(DevSettings settings, CancellationToken cancellation)
    {
        if (!TryParseAddress(settings.Bind, out var address))
        {
            await Console.Error.WriteLineAsync(
                $"dev: --bind expects an IP address or 'localhost'; found '{settings.Bind}'.");

            return 2;
        }

        var hostOptions = new TransactionHttpHostOptions
        {
            Port = settings.Port,
            BindAddress = address,
            ApiKey = settings.ApiKey,
        };
        try
        {
            hostOptions.Validate();
        }
        catch (Exception refused) when (refused is UnsafeBindingException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"dev: {refused.Message}");

            return 2;
        }

        if (LoadCatalog(settings.Definitions) is not { } catalog)
        {
            return 2;
        }

        using var logging = LoggerFactory.Create(
            b => b.SetMinimumLevel(LogLevel.Warning).AddConsole());
        await using var emulator = settings.Emulate
            ? await CloudEmulator.StartAsync(settings.EmulatorPort, logging, cancellation)
            : null;

        var engineOptions = new StandaloneEngineOptions
        {
            InMemory = settings.InMemory,
            TaskHubName = settings.TaskHub,
        };
        if (settings.Storage is not null)
        {
            engineOptions.StorageConnectionString = settings.Storage;
        }

        await Console.Out.WriteLineAsync(settings.InMemory
            ? "engine: in memory (transactions are lost on exit)"
            : $"engine: Azure Storage, task hub {settings.TaskHub}; Azurite is started if "
                + "nothing answers (the first time installs it: about a minute)");

        TransactionEngine engine;
        try
        {
            engine = await TransactionEngine.StartAsync(
                new TransactionEngineOptions
                {
                    Engine = engineOptions,
                    Catalog = catalog,
                    EmulatorBaseUrl = emulator?.BaseUrl,
                },
                logging,
                cancellation);
        }
        catch (AzuriteUnavailableException unavailable)
        {
            await Console.Error.WriteLineAsync($"dev: {unavailable.Message}");
            await Console.Error.WriteLineAsync(
                "dev: or run 'sagabridge dev --in-memory', or give an Azure Storage account "
                + "with --storage.");

            return 2;
        }

        await using (engine)
        {
            return await ServeAsync(engine, hostOptions, emulator, logging, cancellation);
        }
    }

    private static async Task<int> ServeAsync(
        TransactionEngine engine,
        TransactionHttpHostOptions options,
        CloudEmulator? emulator,
        ILoggerFactory logging,
        CancellationToken cancellation)
    {
        TransactionHttpHost host;
        try
        {
            host = await TransactionHttpHost.StartAsync(
                engine.Api,
                engine.Client,
                options,
                logging,
                cancellation);
        }
        catch (IOException taken)
        {
            await Console.Error.WriteLineAsync(
                $"dev: cannot listen on {options.BindAddress}:{options.Port} ({taken.Message}); "
                + "choose another --port.");

            return 2;
        }

        await using (host)
        {
            await Console.Out.WriteLineAsync($"API:       {host.ApiUrl}"
                + (host.RequiresKey ? "  (send the key in x-api-key or x-functions-key)" : ""));
            await Console.Out.WriteLineAsync($"dashboard: {host.BaseUrl}");
            if (!IPAddress.IsLoopback(options.BindAddress))
            {
                await Console.Out.WriteLineAsync(
                    $"listening on {options.BindAddress}, port {host.BaseUrl.Port}: "
                    + "reachable from other machines");
            }
            if (emulator is not null)
            {
                await Console.Out.WriteLineAsync(
                    $"emulators: {emulator.BaseUrl}  (control: {emulator.BaseUrl}_emulator/)");
            }

            await Console.Out.WriteLineAsync(
                $"Try: sagabridge run <definition> --url {host.BaseUrl} --wait    Ctrl+C stops.");

            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            catch (OperationCanceledException)
            {
                await Console.Out.WriteLineAsync("Stopping…");
            }
        }

        return 0;
    }

    private static DefinitionCatalog? LoadCatalog(string folder)
    {
        // Run from anywhere, the default still finds the examples that ship with the tool.
        var path = folder == DefaultDefinitions && !Directory.Exists(folder)
            ? Path.Combine(AppContext.BaseDirectory, DefaultDefinitions)
            : folder;
        if (!Directory.Exists(path))
        {
            Console.Error.WriteLine($"dev: the definitions folder '{folder}' does not exist.");

            return null;
        }

        var catalog = DefinitionCatalog.LoadFolder(path);
        Console.WriteLine($"definitions: {Path.GetFullPath(path)} — "
            + (catalog.Names.Count == 0 ? "none loaded" : string.Join(", ", catalog.Names)));
        foreach (var (file, problems) in catalog.Problems)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(
                    $"  {Path.GetFileName(file)} {problem.Path}: {problem.Message}");
            }
        }

        return catalog;
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;

            return true;
        }

        if (text == "*")
        {
            address = IPAddress.Any;

            return true;
        }

        return IPAddress.TryParse(text, out address!);
    }
}
