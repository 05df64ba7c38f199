using System.Text.Json.Nodes;
using CsCheck;
using SagaBridge.Activities.Steps;

namespace SagaBridge.Tests.Definitions;

/// <summary>
/// Random valid definitions: a DAG of steps of every kind, with templates that read only
/// upstream steps, at most one pivot, and compensations wherever a rollback may need them.
/// Each document is built from a list of small numbers, so CsCheck shrinks a failure to a
/// small document.
/// </summary>
internal static class GeneratedDefinitions
{
    private static readonly string[] Kinds = [.. StepKindCatalog.All.Keys.Order()];

    public static Gen<JsonObject> Valid { get; } =
        Gen.Int[0, 1000].Array[1, 120].Select(numbers => Build(new Choices(numbers)));

    private static JsonObject Build(Choices choose)
    {
        var count = 1 + choose.Next(8);
        var ids = Enumerable.Range(0, count).Select(i => $"s{i}").ToArray();
        var dependsOn = new List<int>[count];
        var upstream = new HashSet<int>[count];
        var pivot = choose.Next(3) == 0 ? choose.Next(count) : -1;
        var steps = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var step = new JsonObject { ["id"] = ids[i] };
            if (i > 0 && choose.Next(2) == 0)
            {
                dependsOn[i] = [i - 1];
            }
            else
            {
                dependsOn[i] = [.. Enumerable.Range(0, i).Where(_ => choose.Next(3) == 0)];
                step["dependsOn"] = new JsonArray([.. dependsOn[i].Select(d => (JsonNode)ids[d])]);
            }

            upstream[i] = [.. dependsOn[i].SelectMany(d => upstream[d].Append(d))];
            var kind = Kinds[choose.Next(Kinds.Length)];
            step["kind"] = kind;
            step["parameters"] = Parameters(kind, Reference(choose, ids, upstream[i]));
            if (choose.Next(4) == 0)
            {
                step["timeout"] = $"{1 + choose.Next(90)}{new[] { "s", "m", "h" }[choose.Next(3)]}";
            }

            if (i == pivot)
            {
                step["pivot"] = true;
            }

            var afterPivot = pivot >= 0 && (i == pivot || upstream[i].Contains(pivot));
            if (!afterPivot || choose.Next(2) == 0)
            {
                step["compensate"] = choose.Next(4) == 0
                    ? new JsonObject { ["kind"] = "none" }
                    : new JsonObject
                    {
                        ["kind"] = StepKinds.Workflow,
                        ["parameters"] = Parameters(
                            StepKinds.Workflow,
                            $"{{{{steps.{ids[i]}.remoteId}}}}"),
                    };
            }

            steps.Add(step);
        }

        return new JsonObject
        {
            ["name"] = $"generated-{count}",
            ["version"] = "1",
            ["inputSchema"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["project"] = new JsonObject { ["type"] = "string" },
                },
            },
            ["steps"] = steps,
        };
    }

    /// <summary>A string reading the input or an upstream step.</summary>
    private static string Reference(Choices choose, string[] ids, HashSet<int> upstream)
    {
        if (upstream.Count == 0 || choose.Next(2) == 0)
        {
            return "{{input.project}}";
        }

        var read = upstream.Order().ElementAt(choose.Next(upstream.Count));

        return choose.Next(2) == 0
            ? $"gs://{{{{steps.{ids[read]}.output.bucket}}}}/x"
            : $"{{{{steps.{ids[read]}.remoteId}}}}";
    }

    private static JsonObject Parameters(string kind, string text)
    {
        var spec = StepKindCatalog.All[kind];
        var parameters = new JsonObject();
        foreach (var parameter in spec.Parameters.Where(p => p.Required))
        {
            parameters[parameter.Name] = parameter.Type == ParameterType.Object
                ? new JsonObject { ["note"] = text }
                : text;
        }

        return parameters;
    }

    /// <summary>Reads decisions from generated numbers; 0 once they run out.</summary>
    private sealed class Choices(int[] numbers)
    {
        private int position;

        public int Next(int bound) =>
            position < numbers.Length ? numbers[position++] % bound : 0;
    }
}
