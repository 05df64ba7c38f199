using System.CommandLine;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge validate FILE...</c>: every problem of every definition, or "ok".
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "Definition files to check.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check transaction definitions without running them.")
        {
            files,
        };
        command.SetAction(parse => Validate(parse.GetValue(files)!));

        return command;
    }

    private static int Validate(FileInfo[] files)
    {
        var failed = 0;
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                Console.Error.WriteLine($"{file.FullName}: no such file");
                failed++;
                continue;
            }

            var result = DefinitionLoader.TryLoad(File.ReadAllText(file.FullName));
            if (result.Definition is { } definition)
            {
                Console.WriteLine($"{file.Name}: ok — {definition.Name} v{definition.Version}, "
                    + $"{definition.Steps.Count} steps");
                continue;
            }

            failed++;
            foreach (var problem in result.Problems)
            {
                Console.Error.WriteLine($"{file.Name}: {problem.Path}: {problem.Message}");
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
