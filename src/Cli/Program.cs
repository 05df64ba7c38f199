using System.CommandLine;
using SagaBridge.Cli.Commands;

var root = new RootCommand(
    "SagaBridge: global transactions across clouds for AI pipelines. "
    + "Run 'sagabridge demo' to see one commit and one roll back.");
foreach (var command in CliCommands.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
