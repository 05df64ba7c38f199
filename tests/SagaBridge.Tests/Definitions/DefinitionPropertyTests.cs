using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using SagaBridge.Transactions.Definitions;
using Xunit.Sdk;

namespace SagaBridge.Tests.Definitions;

public sealed partial class DefinitionPropertyTests
{
    private const long Iterations = 400;

    private static readonly Gen<(JsonObject Document, int Mutation, int[] Where)> Mutated =
        Gen.Select(GeneratedDefinitions.Valid, Gen.Int[0, 8], Gen.Int[0, 10_000].Array[4]);

    [Fact]
    public void EveryGeneratedValidDefinitionLoadsAndItsSnapshotLoadsTheSame()
    {
        GeneratedDefinitions.Valid.Sample(document =>
        {
            var result = DefinitionLoader.TryLoad(document.ToJsonString());

            if (!result.IsValid)
            {
                throw new XunitException(string.Join("; ", result.Problems));
            }

            var snapshot = result.Definition.Json;
            Assert.Equal(snapshot, DefinitionLoader.Load(snapshot).Json);
            AssertSoundGraph(document, result.Definition);
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void AMutatedDefinitionIsRejectedWithProblemsOrAcceptedOnlyWhenItsGraphIsSound()
    {
        Mutated.Sample(sample =>
        {
            var text = Mutate(sample.Document, sample.Mutation, sample.Where);

            var definition = LoadOrNull(text);

            if (definition is not null)
            {
                AssertSoundGraph(JsonNode.Parse(text)!.AsObject(), definition);
            }
        }, iter: Iterations * 3, threads: 1);
    }

    [Fact]
    public void ACycleIsNeverAccepted()
    {
        GeneratedDefinitions.Valid.Sample(document =>
        {
            var dependsOn = ResolvedDependsOn(document);
            var last = dependsOn.Keys.LastOrDefault(id => dependsOn[id].Count > 0);
            if (last is null)
            {
                return;
            }

            var root = last;
            while (dependsOn[root].Count > 0)
            {
                root = dependsOn[root][0];
            }

            var steps = document["steps"]!.AsArray();
            steps.Single(s => (string)s!["id"]! == root)!["dependsOn"] = new JsonArray(last);

            var result = DefinitionLoader.TryLoad(document.ToJsonString());

            Assert.False(result.IsValid);
            Assert.Contains(result.Problems, p => p.Message.Contains("cycle")
                && p.Message.Contains(root) && p.Message.Contains(last));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void ADanglingDependencyIsNeverAccepted()
    {
        GeneratedDefinitions.Valid.Sample(document =>
        {
            var steps = document["steps"]!.AsArray();
            steps[^1]!["dependsOn"] = new JsonArray("ghost");

            var result = DefinitionLoader.TryLoad(document.ToJsonString());

            ProblemAssert.Has(result, $"$.steps[{steps.Count - 1}].dependsOn[0]", "'ghost'");
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void ArbitraryTextIsRejectedWithProblemsAndNothingElse()
    {
        Gen.String.Sample(text =>
        {
            var result = DefinitionLoader.TryLoad(text);

            Assert.False(result.IsValid);
            Assert.NotEmpty(result.Problems);
        }, iter: Iterations * 2, threads: 1);
    }

    [Fact]
    public void ArbitraryBytesAreRejectedWithProblemsAndNothingElse()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);

            var definition = LoadOrNull(text);

            Assert.Null(definition);
        }, iter: Iterations * 2, threads: 1);
    }

    /// <summary>
    /// Loads through both entry points; any exception but the documented one fails the test.
    /// </summary>
    private static TransactionDefinition? LoadOrNull(string text)
    {
        var result = DefinitionLoader.TryLoad(text);
        try
        {
            var loaded = DefinitionLoader.Load(text);
            Assert.True(result.IsValid);
            return loaded;
        }
        catch (InvalidDefinitionException e)
        {
            Assert.False(result.IsValid);
            Assert.NotEmpty(e.Problems);
            return null;
        }
    }

    private static string Mutate(JsonObject document, int mutation, int[] where)
    {
        var steps = document["steps"]!.AsArray();
        var step = steps[where[0] % steps.Count]!.AsObject();
        var other = steps[where[1] % steps.Count]!.AsObject();
        var nodes = Descendants(document).ToList();
        var (parent, key) = nodes[where[2] % nodes.Count];
        switch (mutation)
        {
            case 0:
                Remove(parent, key);
                break;
            case 1:
                Replace(parent, key, where[3]);
                break;
            case 2:
                step["dependsOn"] = new JsonArray((string)other["id"]!);
                break;
            case 3:
                step["dependsOn"] = new JsonArray("ghost", (string)other["id"]!);
                break;
            case 4:
                step["id"] = (string)other["id"]!;
                break;
            case 5:
                steps.Add(step.DeepClone());
                break;
            case 6:
                steps.Remove(step);
                steps.Insert(0, step);
                break;
            case 7:
                var text = document.ToJsonString();
                var at = where[3] % text.Length;
                return text[..at] + (char)(where[2] % 128) + text[(at + 1)..];
            default:
                var whole = document.ToJsonString();
                return whole[..(where[3] % whole.Length)];
        }

        return document.ToJsonString();
    }

    private static IEnumerable<(JsonNode Parent, object Key)> Descendants(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToList())
            {
                yield return (obj, name);
                if (value is not null)
                {
                    foreach (var inner in Descendants(value))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return (array, i);
                if (array[i] is { } value)
                {
                    foreach (var inner in Descendants(value))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    private static void Remove(JsonNode parent, object key)
    {
        if (parent is JsonObject obj)
        {
            obj.Remove((string)key);
        }
        else
        {
            parent.AsArray().RemoveAt((int)key);
        }
    }

    private static void Replace(JsonNode parent, object key, int choice)
    {
        JsonNode? value = (choice % 6) switch
        {
            0 => 42,
            1 => "text",
            2 => true,
            3 => null,
            4 => new JsonArray(1, "x"),
            _ => new JsonObject { ["odd"] = 1 },
        };
        if (parent is JsonObject obj)
        {
            obj[(string)key] = value;
        }
        else
        {
            parent.AsArray()[(int)key] = value;
        }
    }

    /// <summary>
    /// Re-derives the dependency graph from the source document, without the loader's code,
    /// and checks that it has no dangling references, no cycle, and that templates read only
    /// steps upstream (or, in a compensation, the step itself).
    /// </summary>
    private static void AssertSoundGraph(JsonObject document, TransactionDefinition definition)
    {
        var steps = document["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var ids = steps.Select(s => (string)s["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var dependsOn = ResolvedDependsOn(document);
        foreach (var id in ids)
        {
            Assert.All(dependsOn[id], d => Assert.Contains(d, ids));
            Assert.Equal(dependsOn[id], definition.FindStep(id)!.DependsOn);
        }

        var remaining = dependsOn.ToDictionary(p => p.Key, p => p.Value.Count);
        var ready = new Queue<string>(remaining.Where(p => p.Value == 0).Select(p => p.Key));
        var ordered = new List<string>();
        while (ready.TryDequeue(out var id))
        {
            ordered.Add(id);
            foreach (var waiting in dependsOn.Where(p => p.Value.Contains(id)).Select(p => p.Key))
            {
                if (--remaining[waiting] == 0)
                {
                    ready.Enqueue(waiting);
                }
            }
        }

        Assert.Equal(ids.Count, ordered.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var before = ordered.Take(ordered.IndexOf(ids[i])).ToHashSet();
            var upstream = Closure(ids[i], dependsOn);
            Assert.All(ReadSteps(steps[i]["parameters"]), read => Assert.Contains(read, upstream));
            Assert.All(
                ReadSteps(steps[i]["compensate"]?["parameters"]),
                read => Assert.True(read == ids[i] || upstream.Contains(read)));
            Assert.Subset(before, upstream);
            Assert.True(upstream.SetEquals(definition.Upstream(ids[i])));
        }
    }

    /// <summary>dependsOn as the format defines it: absent means the previous step.</summary>
    private static Dictionary<string, List<string>> ResolvedDependsOn(JsonObject document)
    {
        var steps = document["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var dependsOn = new Dictionary<string, List<string>>();
        for (var i = 0; i < steps.Count; i++)
        {
            dependsOn[(string)steps[i]["id"]!] = steps[i]["dependsOn"] is JsonArray list
                ? [.. list.Select(d => (string)d!)]
                : i == 0 ? [] : [(string)steps[i - 1]["id"]!];
        }

        return dependsOn;
    }

    private static HashSet<string> Closure(string id, Dictionary<string, List<string>> dependsOn)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(dependsOn[id]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                dependsOn[next].ForEach(pending.Push);
            }
        }

        return seen;
    }

    private static IEnumerable<string> ReadSteps(JsonNode? parameters) =>
        parameters is null
            ? []
            : StepTemplate().Matches(parameters.ToJsonString()).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{\{\s*steps\.([A-Za-z0-9_-]+)\.")]
    private static partial Regex StepTemplate();
}
