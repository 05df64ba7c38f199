using System.Text.Json.Serialization;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Standalone.Http;

/// <summary>
/// A definition's steps laid out for drawing: a step's stage is one more than the latest
/// stage of the steps it depends on, so each stage can run once the earlier ones are done.
/// </summary>
internal sealed record StepGraph(
    [property: JsonPropertyName("definition")] string Definition,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("steps")] IReadOnlyList<StepGraphNode> Steps)
{
    public static StepGraph Of(TransactionDefinition definition)
    {
        var stages = new Dictionary<string, int>(StringComparer.Ordinal);

        int StageOf(StepDefinition step)
        {
            if (stages.TryGetValue(step.Id, out var known))
            {
                return known;
            }

            // Loaded definitions are acyclic, so this recursion ends.
            var stage = step.DependsOn.Count == 0
                ? 0
                : step.DependsOn.Max(d => StageOf(definition.FindStep(d)!)) + 1;
            stages[step.Id] = stage;

            return stage;
        }

        var nodes = definition.Steps
            .Select(s => new StepGraphNode(
                s.Id,
                s.Kind,
                s.Description,
                s.DependsOn,
                StageOf(s),
                s.IsPivot,
                s.IsCompensable))
            .ToList();

        return new StepGraph(definition.Name, definition.Version, nodes);
    }
}
