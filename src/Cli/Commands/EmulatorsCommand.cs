using System.CommandLine;
using SagaBridge.Emulators;

namespace SagaBridge.Cli.Commands;

/// <summary><c>sagabridge emulators --port N</c>: the local cloud APIs until Ctrl+C.</summary>
internal static class EmulatorsCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Loopback port to listen on (0 picks a free one).",
            DefaultValueFactory = _ => 8089,
        };
        var command = new Command(
            "emulators",
            "Serve the Workflows, Dataflow and Azure ML emulators on http://127.0.0.1:PORT/ "
            + "with the control endpoint under /_emulator/.")
        {
            port,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            await EmulatorServer.RunAsync(parse.GetValue(port), cancellation);

            return 0;
        });

        return command;
    }
}
