using System.CommandLine;
using SagaBridge.Cli.Commands;

var root = new RootCommand(
    "SagaBridge: global transactions across clouds for AI pipelines. "
    + "Run 'sagabridge demo' to see one commit and one roll back.");
foreach (var command in CliCommands.All())
{
    root.Subcommands.Add(command);
}

// Ctrl+C must leave time to stop the engine and the Azurite it started; the default 2 s
// would end the process with both still running.
var invocation = new InvocationConfiguration
{
    ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
};

return await root.Parse(args).InvokeAsync(invocation);
