using System.CommandLine;
using Microsoft.Extensions.Logging;
using SagaBridge.Cli.Chaos;
using SagaBridge.Standalone;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge chaos-worker</c> (hidden): the process <c>chaos</c> kills. It runs the
/// transaction engine on the given task hub against the emulated clouds until it is killed.
/// </summary>
internal static class ChaosWorkerCommand
{
    public static Command Create()
    {
        var storage = new Option<string>("--storage")
        {
            Description = "Azure Storage connection string of the task hub.",
            Required = true,
        };
        var taskHub = new Option<string>("--task-hub")
        {
            Description = "Task hub name.",
            Required = true,
        };
        var emulator = new Option<string>("--emulator")
        {
            Description = "Base URL of the emulated clouds.",
            Required = true,
        };
        var command = new Command("chaos-worker", "Internal: the worker process of 'chaos'.")
        {
            storage,
            taskHub,
            emulator,
        };
        command.Hidden = true;
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetRequiredValue(storage),
            parse.GetRequiredValue(taskHub),
            new Uri(parse.GetRequiredValue(emulator), UriKind.Absolute),
            cancellation));

        return command;
    }

    private static async Task<int> RunAsync(
        string storage,
        string taskHub,
        Uri emulator,
        CancellationToken cancellation)
    {
        using var logging = LoggerFactory.Create(
            b => b.SetMinimumLevel(LogLevel.Error).AddConsole());
        await using var engine = await TransactionEngine.StartAsync(
            new TransactionEngineOptions
            {
                Engine = ChaosEngine.Options(storage, taskHub),
                EmulatorBaseUrl = emulator,
            },
            logging,
            cancellation);
        Console.WriteLine(ChaosWorker.ReadyLine);

        try
        {
            await Task.Delay(Timeout.Infinite, cancellation);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop (Ctrl+C or SIGTERM): the engine stops gracefully on dispose.
        }

        return 0;
    }
}
