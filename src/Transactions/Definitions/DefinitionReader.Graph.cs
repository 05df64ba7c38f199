using System.Text.Json;
using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>Checks that span steps: ids, dependencies, templates, the pivot.</summary>
internal sealed partial class DefinitionReader
{
    private (Dictionary<string, IReadOnlyList<string>> DependsOn,
        Dictionary<string, HashSet<string>> Upstream) CheckGraph(List<StepDraft> steps)
    {
        var byId = new Dictionary<string, StepDraft>(StringComparer.Ordinal);
        foreach (var step in steps.Where(s => s.Id is not null))
        {
            if (!byId.TryAdd(step.Id!, step))
            {
                Report(step.Path + ".id", $"duplicate step id '{step.Id}': "
                    + $"{byId[step.Id!].Path} has it already");
            }
        }

        var dependsOn = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var step in byId.Values)
        {
            dependsOn[step.Id!] = ResolveDependsOn(step, steps, byId);
        }

        var order = byId.Keys.ToList();
        var graph = new DependencyGraph(order, dependsOn);
        var upstream = order.ToDictionary(id => id, graph.Upstream, StringComparer.Ordinal);
        foreach (var cycle in graph.Cycles(upstream))
        {
            var first = byId[cycle[0]];
            Report(first.Path + ".dependsOn", "steps depend on each other in a cycle, so none "
                + $"of them can start: {string.Join(" → ", cycle.Append(cycle[0]))} "
                + "(→ reads \"depends on\")");
        }

        return (dependsOn, upstream);
    }

    private List<string> ResolveDependsOn(
        StepDraft step,
        List<StepDraft> steps,
        Dictionary<string, StepDraft> byId)
    {
        if (step.DependsOn is null)
        {
            // A step that does not say runs after the one above it, so a list is a sequence.
            return step.Index > 0 && steps[step.Index - 1].Id is { } previous
                && byId.ContainsKey(previous)
                ? [previous]
                : [];
        }

        var resolved = new List<string>();
        foreach (var (id, path) in step.DependsOn)
        {
            if (id == step.Id)
            {
                Report(path, $"step '{id}' cannot depend on itself");
            }
            else if (!byId.ContainsKey(id))
            {
                Report(path, $"no step has id '{id}'" + Spelling.Suggest(id, byId.Keys)
                    + $"; steps: {string.Join(", ", byId.Keys)}");
            }
            else
            {
                resolved.Add(id);
            }
        }

        return resolved;
    }

    private void CheckTemplates(
        List<StepDraft> steps,
        Dictionary<string, HashSet<string>> upstream,
        InputSchemaDraft? schema)
    {
        foreach (var step in steps)
        {
            var own = step.Id is not null && upstream.ContainsKey(step.Id) ? step.Id : null;
            var before = own is null ? [] : upstream[own];
            CheckStrings(step.Parameters, step.Path + ".parameters", reference =>
                CheckReference(reference, own, before, mayReadOwn: false, upstream, schema));
            if (step.Compensation is { } compensation)
            {
                CheckStrings(compensation.Parameters, step.Path + ".compensate.parameters",
                    reference =>
                        CheckReference(reference, own, before, mayReadOwn: true, upstream, schema));
            }
        }
    }

    private void CheckStrings(JsonNode? node, string path, Func<TemplateReference, string?> check)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    CheckStrings(value, JsonPath.Property(path, name), check);
                }

                break;

            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckStrings(array[i], JsonPath.Index(path, i), check);
                }

                break;

            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (!TemplateText.MayContainTemplates(text))
                {
                    break;
                }

                if (!TemplateText.TryParse(text, out var parts, out var error))
                {
                    Report(path, error!);
                    break;
                }

                foreach (var part in parts.Where(p => p.Reference is not null))
                {
                    if (check(part.Reference!) is { } problem)
                    {
                        Report(path, problem);
                    }
                }

                break;
        }
    }

    private static string? CheckReference(
        TemplateReference reference,
        string? own,
        HashSet<string> before,
        bool mayReadOwn,
        Dictionary<string, HashSet<string>> upstream,
        InputSchemaDraft? schema)
    {
        var text = reference.Text;
        if (reference.Root == TemplateRoot.Input)
        {
            return CheckInputReference(reference, schema);
        }

        if (reference.StepId is not { } stepId)
        {
            return null;
        }

        if (!upstream.ContainsKey(stepId))
        {
            return $"{text} reads step '{stepId}', but no step has that id"
                + Spelling.Suggest(stepId, upstream.Keys);
        }

        if (own is null || before.Contains(stepId) || (mayReadOwn && stepId == own))
        {
            return null;
        }

        return stepId == own
            ? $"{text} reads the step's own result, which does not exist before it runs; "
                + "only its compensate.parameters may do that"
            : $"{text} reads step '{stepId}', which does not run before step '{own}'; "
                + $"add '{stepId}' to dependsOn (directly or through a step it depends on)";
    }

    private static string? CheckInputReference(
        TemplateReference reference,
        InputSchemaDraft? schema)
    {
        if (schema is null || schema.TemplatesMayReadOthers || reference.Path.Count == 0)
        {
            return null;
        }

        if (reference.Path[0].Name is not { } name)
        {
            return $"{reference.Text} indexes the input, which is an object; read it by name";
        }

        if (!schema.Properties.TryGetValue(name, out var type))
        {
            return $"{reference.Text} reads input '{name}', which inputSchema does not declare"
                + Spelling.Suggest(name, schema.Properties.Keys)
                + $"; declared: {string.Join(", ", schema.Properties.Keys)}";
        }

        return reference.Path.Count > 1 && type is "string" or "number" or "integer" or "boolean"
            ? $"{reference.Text} reads inside input '{name}', which inputSchema declares as {type}"
            : null;
    }

    private void CheckPivot(List<StepDraft> steps, Dictionary<string, HashSet<string>> upstream)
    {
        var pivots = steps.Where(s => s.IsPivot).ToList();
        foreach (var extra in pivots.Skip(1))
        {
            var first = pivots[0].Id is { } id ? $"step '{id}' ({pivots[0].Path})" : pivots[0].Path;
            Report(
                extra.Path + ".pivot",
                $"only one step may be the pivot, and {first} already is");
        }

        if (pivots.Count > 0 && pivots[0].Id is null)
        {
            // Which steps run after the pivot is unknown until its id is fixed.
            return;
        }

        var pivot = pivots.FirstOrDefault()?.Id;
        foreach (var step in steps.Where(s => !s.HasCompensate && s.Id is not null))
        {
            if (pivot is null)
            {
                Report(step.Path + ".compensate", $"missing: step '{step.Id}' cannot be undone, "
                    + "and with no pivot step every step must be; add compensate, or "
                    + "{ \"kind\": \"none\" } if the step leaves nothing to undo");
            }
            else if (step.Id != pivot && upstream.TryGetValue(step.Id!, out var before)
                && !before.Contains(pivot))
            {
                Report(step.Path + ".compensate", $"missing: step '{step.Id}' cannot be undone, "
                    + $"but it does not run after the pivot '{pivot}', so a rollback may have to "
                    + "undo it; add compensate, or { \"kind\": \"none\" } if the step leaves "
                    + "nothing to undo");
            }
        }
    }
}
