using System.CommandLine;

namespace SagaBridge.Cli.Commands;

/// <summary>Every sub-command of <c>sagabridge</c>.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All() =>
    [
        DemoCommand.Create(),
        EmulatorsCommand.Create(),
        ValidateCommand.Create(),
        PlanCommand.Create(),
        DevCommand.Create(),
        RunCommand.Create(),
        StatusCommand.Create(),
        WatchCommand.Create(),
        CancelCommand.Create(),
        ListCommand.Create(),
        ChaosCommand.Create(),
        ChaosWorkerCommand.Create(),
    ];
}
