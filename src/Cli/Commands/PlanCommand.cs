using System.CommandLine;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge plan FILE</c>: the order steps run in, what runs in parallel, and what is
/// undone (newest first) if each step fails.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A definition file." };
        var command = new Command("plan", "Show how a definition runs and how it rolls back.")
        {
            file,
        };
        command.SetAction(parse => Plan(parse.GetValue(file)!));

        return command;
    }

    private static int Plan(FileInfo file)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file.FullName}: no such file");

            return 1;
        }

        var result = DefinitionLoader.TryLoad(File.ReadAllText(file.FullName));
        if (result.Definition is not { } definition)
        {
            foreach (var problem in result.Problems)
            {
                Console.Error.WriteLine($"{file.Name}: {problem.Path}: {problem.Message}");
            }

            return 1;
        }

        Console.WriteLine($"{definition.Name} v{definition.Version}");
        var wave = 1;
        foreach (var stage in Stages(definition))
        {
            Console.WriteLine($"  stage {wave++}: " + string.Join("  |  ", stage.Select(Describe)));
        }

        Console.WriteLine("  if a step fails, undone newest first:");
        var position = definition.Steps
            .Select((s, index) => (s.Id, index))
            .ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        foreach (var step in definition.Steps)
        {
            var undone = definition.Upstream(step.Id)
                .Select(id => definition.FindStep(id)!)
                .OrderByDescending(s => position[s.Id])
                .Select(s => s.Compensation is { IsNoOp: false } c
                    ? $"{s.Id} ({c.Kind})"
                    : $"{s.Id} (nothing to undo)");
            var after = definition.Pivot is { } pivot
                && definition.Upstream(step.Id).Contains(pivot.Id)
                ? "after the pivot: retried forward, nothing undone"
                : string.Join(" → ", undone) is { Length: > 0 } list ? list : "nothing to undo";
            Console.WriteLine($"    {step.Id} fails → {after}");
        }

        return 0;
    }

    private static string Describe(StepDefinition step) =>
        $"{step.Id} [{step.Kind}{(step.IsPivot ? ", pivot" : "")}"
        + $"{(step.Timeout is { } t ? $", timeout {t}" : "")}]";

    private static List<List<StepDefinition>> Stages(TransactionDefinition definition)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var stages = new List<List<StepDefinition>>();
        while (placed.Count < definition.Steps.Count)
        {
            var stage = definition.Steps
                .Where(s => !placed.Contains(s.Id) && s.DependsOn.All(placed.Contains))
                .ToList();
            stages.Add(stage);
            placed.UnionWith(stage.Select(s => s.Id));
        }

        return stages;
    }
}
