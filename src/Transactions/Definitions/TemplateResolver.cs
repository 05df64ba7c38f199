using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// Replaces the templates in step parameters with values of the running transaction. Pure and
/// deterministic, so orchestrators may call it: the same parameters and scope always give the
/// same result, and nothing is read from outside the scope.
/// </summary>
/// <remarks>
/// A string that is exactly one template (<c>"{{input.size}}"</c>) becomes the referenced JSON
/// value, keeping its type. A string mixing text and templates gets each template written as
/// text: strings as they are, other values as JSON. <c>${{…}}</c> is not a template and is
/// kept verbatim (Azure ML pipeline jobs use it for their own bindings).
/// </remarks>
public static class TemplateResolver
{
    private static readonly JsonSerializerOptions TextOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Returns a resolved deep copy; <paramref name="parameters"/> is not changed.
    /// </summary>
    /// <exception cref="TemplateResolutionException">
    /// A template references something the scope does not have; the message names the
    /// parameter, the template and the missing part.
    /// </exception>
    public static JsonObject Resolve(JsonObject parameters, TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(scope);

        return (JsonObject)ResolveNode(parameters, scope, string.Empty)!;
    }

    private static JsonNode? ResolveNode(JsonNode? node, TemplateScope scope, string where)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    var path = where.Length == 0 ? name : where + "." + name;
                    copy[name] = ResolveNode(value, scope, path);
                }

                return copy;

            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(ResolveNode(array[i], scope, $"{where}[{i}]"));
                }

                return items;

            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return ResolveString(value.GetValue<string>(), scope, where);

            default:
                return node?.DeepClone();
        }
    }

    private static JsonNode? ResolveString(string text, TemplateScope scope, string where)
    {
        if (!TemplateText.MayContainTemplates(text))
        {
            return JsonValue.Create(text);
        }

        if (!TemplateText.TryParse(text, out var parts, out var error))
        {
            throw new TemplateResolutionException(
                text,
                $"Parameter '{where}': {error}.");
        }

        if (parts is [{ Reference: { } only }])
        {
            return Lookup(only, scope, where)?.DeepClone();
        }

        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append(part.Reference is null
                ? part.Literal
                : AsText(Lookup(part.Reference, scope, where)));
        }

        return JsonValue.Create(builder.ToString());
    }

    private static string AsText(JsonNode? value) =>
        value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
            ? scalar.GetValue<string>()
            : value?.ToJsonString(TextOptions) ?? "null";

    private static JsonNode? Lookup(TemplateReference reference, TemplateScope scope, string where)
    {
        switch (reference.Root)
        {
            case TemplateRoot.TransactionId:
                return JsonValue.Create(scope.TransactionId);

            case TemplateRoot.TransactionName:
                return JsonValue.Create(scope.TransactionName);

            case TemplateRoot.Input:
                if (scope.Input is null && reference.Path.Count > 0)
                {
                    throw Missing(reference, where, "the transaction has no input");
                }

                return Walk(scope.Input, "input", reference, where);
        }

        var stepId = reference.StepId!;
        if (!scope.Steps.TryGetValue(stepId, out var result))
        {
            throw Missing(reference, where, $"step '{stepId}' has no result yet");
        }

        if (reference.Root == TemplateRoot.StepRemoteId)
        {
            return result.RemoteId is { } remoteId
                ? JsonValue.Create(remoteId)
                : throw Missing(reference, where, $"step '{stepId}' has no remote id yet");
        }

        if (result.Output is null && reference.Path.Count > 0)
        {
            throw Missing(reference, where, $"step '{stepId}' has no output");
        }

        return Walk(result.Output, $"steps.{stepId}.output", reference, where);
    }

    private static JsonNode? Walk(
        JsonNode? start,
        string reached,
        TemplateReference reference,
        string where)
    {
        var current = start;
        foreach (var segment in reference.Path)
        {
            if (segment.Name is { } name)
            {
                if (current is not JsonObject obj || !obj.TryGetPropertyValue(name, out var next))
                {
                    throw Missing(reference, where, current is JsonObject
                        ? $"{reached} has no member '{name}'"
                        : $"{reached} is {JsonDescription.Of(current)}, not an object");
                }

                current = next;
            }
            else
            {
                if (current is not JsonArray array || segment.Index >= array.Count)
                {
                    throw Missing(reference, where, current is JsonArray items
                        ? $"{reached} has {items.Count.ToString(CultureInfo.InvariantCulture)} "
                            + $"items, so no index {segment.Index}"
                        : $"{reached} is {JsonDescription.Of(current)}, not an array");
                }

                current = array[segment.Index];
            }

            reached += segment.ToString();
        }

        return current;
    }

    private static TemplateResolutionException Missing(
        TemplateReference reference,
        string where,
        string what) =>
        new(reference.Text, $"Parameter '{where}': {reference.Text} cannot be resolved: {what}.");
}
