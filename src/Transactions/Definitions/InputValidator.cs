using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// Checks a transaction input against its definition's inputSchema before the transaction
/// starts, so a missing or mistyped field fails the start request instead of a step hours later.
/// </summary>
public static class InputValidator
{
    /// <summary>
    /// Every problem with the input, at paths like <c>$.input.dataset</c>; empty when the input
    /// fits (or the definition has no inputSchema). A null input counts as an empty object.
    /// </summary>
    public static IReadOnlyList<DefinitionProblem> Validate(
        TransactionDefinition definition,
        JsonNode? input)
    {
        ArgumentNullException.ThrowIfNull(definition);

        if (definition.InputSchema is not { } schema)
        {
            return [];
        }

        if (input is not null and not JsonObject)
        {
            return [new("$.input", $"expected an object, found {JsonDescription.Of(input)}")];
        }

        var values = input as JsonObject ?? [];
        var declared = schema["properties"] as JsonObject ?? [];
        var problems = new List<DefinitionProblem>();
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(n => (string)n!))
        {
            if (!values.ContainsKey(required))
            {
                var type = TypeOf(declared, required);
                var typed = type is null ? string.Empty : $" ({Article(type)})";
                problems.Add(new(JsonPath.Property("$.input", required),
                    $"missing: the definition requires input '{required}'{typed}"));
            }
        }

        var closed = schema["additionalProperties"] is JsonValue flag
            && flag.GetValueKind() == JsonValueKind.False;
        foreach (var (name, value) in values)
        {
            var path = JsonPath.Property("$.input", name);
            if (!declared.ContainsKey(name))
            {
                if (closed)
                {
                    problems.Add(new(path, $"unknown input '{name}'"
                        + Spelling.Suggest(name, declared.Select(p => p.Key))
                        + $"; declared: {string.Join(", ", declared.Select(p => p.Key))}"));
                }

                continue;
            }

            if (TypeOf(declared, name) is { } type && !Fits(type, value))
            {
                problems.Add(new(path, $"expected {Article(type)}, found "
                    + JsonDescription.Of(value)));
            }
        }

        return problems;
    }

    private static string? TypeOf(JsonObject declared, string name) =>
        declared[name] is JsonObject property && property["type"] is JsonValue type
            ? type.GetValue<string>()
            : null;

    private static string Article(string type) =>
        type is "integer" or "object" or "array" ? "an " + type : "a " + type;

    private static bool Fits(string type, JsonNode? value)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;

        return type switch
        {
            "string" => kind == JsonValueKind.String,
            "number" => kind == JsonValueKind.Number,
            "integer" => kind == JsonValueKind.Number && IsWhole(value!),
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            _ => true,
        };
    }

    private static bool IsWhole(JsonNode value) =>
        decimal.TryParse(
            value.ToJsonString(),
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out var parsed)
        && parsed == decimal.Truncate(parsed);
}
