using System.CommandLine;
using SagaBridge.Cli.Chaos;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge chaos --kills N [--seed S]</c>: crash proof of the durable engine. Its last
/// line is the tally; it exits 0 only when nothing was lost, duplicated or undone wrongly.
/// </summary>
internal static class ChaosCommand
{
    public static Command Create()
    {
        var kills = new Option<int>("--kills")
        {
            Description = "How many times the worker process is killed with SIGKILL.",
            DefaultValueFactory = _ => 20,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seeds outcomes, kill moments and faults (default 1).",
            DefaultValueFactory = _ => 1,
        };
        var finalWait = new Option<int>("--final-wait")
        {
            Description = "Seconds every transaction has after the last kill to end (default 180).",
            DefaultValueFactory = _ => 180,
        };
        var command = new Command(
            "chaos",
            "Run transactions on the durable engine while killing it; check the clouds' records.")
        {
            kills,
            seed,
            finalWait,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new ChaosSettings
            {
                Kills = parse.GetValue(kills),
                Seed = parse.GetValue(seed),
                FinalDeadline = TimeSpan.FromSeconds(parse.GetValue(finalWait)),
            },
            cancellation));

        return command;
    }

    private static async Task<int> RunAsync(ChaosSettings settings, CancellationToken cancellation)
    {
        if (settings.Kills < 1 || settings.FinalDeadline <= TimeSpan.Zero)
        {
            await Console.Error.WriteLineAsync(
                "chaos: --kills and --final-wait must be 1 or more.");

            return 2;
        }

        var tally = await ChaosRun.RunAsync(settings, Console.Out, cancellation);
        Console.WriteLine(tally.SummaryLine);

        return tally.Passed ? 0 : 1;
    }
}
