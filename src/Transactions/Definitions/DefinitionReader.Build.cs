using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>Turns a document without problems into the model and its normalised JSON.</summary>
internal sealed partial class DefinitionReader
{
    private static TransactionDefinition Build(
        string name,
        string version,
        string? description,
        JsonObject? inputSchema,
        List<StepDraft> drafts,
        (Dictionary<string, IReadOnlyList<string>> DependsOn,
            Dictionary<string, HashSet<string>> Upstream) graph)
    {
        var steps = drafts
            .Select(d => new StepDefinition(
                d.Id!,
                d.Description,
                d.Spec!.Kind,
                d.Parameters,
                graph.DependsOn[d.Id!].ToList().AsReadOnly(),
                d.Timeout,
                d.Retry,
                d.Poll,
                d.IsPivot,
                d.Compensation,
                d.OnCancel))
            .ToList()
            .AsReadOnly();
        var upstream = graph.Upstream.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlySet<string>)pair.Value.ToFrozenSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var json = Normalise(name, version, description, inputSchema, steps);

        return new TransactionDefinition(
            name,
            version,
            description,
            inputSchema,
            steps,
            upstream,
            json);
    }

    /// <summary>
    /// Writes every setting out explicitly, so the snapshot keeps meaning the same even if the
    /// built-in defaults change in a later version.
    /// </summary>
    private static string Normalise(
        string name,
        string version,
        string? description,
        JsonObject? inputSchema,
        IReadOnlyList<StepDefinition> steps)
    {
        var root = new JsonObject { ["name"] = name, ["version"] = version };
        if (description is not null)
        {
            root["description"] = description;
        }

        if (inputSchema is not null)
        {
            root["inputSchema"] = inputSchema.DeepClone();
        }

        root["steps"] = new JsonArray([.. steps.Select(NormaliseStep)]);

        return root.ToJsonString();
    }

    private static JsonObject NormaliseStep(StepDefinition step)
    {
        var node = new JsonObject { ["id"] = step.Id };
        if (step.Description is not null)
        {
            node["description"] = step.Description;
        }

        node["kind"] = step.Kind;
        node["parameters"] = step.Parameters.DeepClone();
        node["dependsOn"] = new JsonArray([.. step.DependsOn.Select(id => JsonValue.Create(id))]);
        if (step.Timeout is { } timeout)
        {
            node["timeout"] = Duration.Format(timeout);
        }

        node["retry"] = NormaliseRetry(step.Retry);
        node["poll"] = new JsonObject
        {
            ["initialInterval"] = Duration.Format(step.Poll.InitialInterval),
            ["maxInterval"] = Duration.Format(step.Poll.MaxInterval),
            ["callbackInterval"] = Duration.Format(step.Poll.CallbackInterval),
        };
        node["pivot"] = step.IsPivot;
        if (step.Compensation is { } compensation)
        {
            node["compensate"] = compensation.IsNoOp
                ? new JsonObject { ["kind"] = NoOpKind }
                : new JsonObject
                {
                    ["kind"] = compensation.Kind,
                    ["parameters"] = compensation.Parameters.DeepClone(),
                    ["retry"] = NormaliseRetry(compensation.Retry),
                };
        }

        node["onCancel"] = step.OnCancel == StopMode.Drain ? "drain" : "cancel";

        return node;
    }

    private static JsonObject NormaliseRetry(RetryDefinition retry) => new()
    {
        ["maxAttempts"] = retry.MaxAttempts,
        ["initialInterval"] = Duration.Format(retry.InitialInterval),
        ["backoffCoefficient"] = retry.BackoffCoefficient,
        ["maxInterval"] = Duration.Format(retry.MaxInterval),
    };
}
