using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SagaBridge.Activities.Steps;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// Checks step parameters against their kind's parameter list. A string that is exactly one
/// template passes any type check: its type is known only when the transaction runs.
/// </summary>
internal static class ParameterRules
{
    public static void Check(
        StepKindSpec spec,
        JsonObject parameters,
        string path,
        Action<string, string> report)
    {
        var names = spec.Parameters.Select(p => p.Name).ToList();
        foreach (var (name, value) in parameters)
        {
            var parameterPath = JsonPath.Property(path, name);
            if (spec.Find(name) is { } parameter)
            {
                CheckValue(parameter, value, parameterPath, report);
                continue;
            }

            report(parameterPath, $"unknown parameter '{name}' for kind {spec.Kind}"
                + Spelling.Suggest(name, names) + $"; it accepts: {string.Join(", ", names)}");
        }

        var missingOnes = spec.Parameters.Where(p => p.Required && !parameters.ContainsKey(p.Name));
        foreach (var missing in missingOnes)
        {
            report(JsonPath.Property(path, missing.Name), $"missing: kind {spec.Kind} requires "
                + $"parameter '{missing.Name}' ({missing.Description.TrimEnd('.')})");
        }
    }

    private static void CheckValue(
        StepParameterSpec parameter,
        JsonNode? value,
        string path,
        Action<string, string> report)
    {
        var text = value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
            ? scalar.GetValue<string>()
            : null;
        if (text is not null && TemplateText.AsExactTemplate(text) is not null)
        {
            return;
        }

        var fits = parameter.Type switch
        {
            ParameterType.String => text is not null,
            ParameterType.Integer => IsInteger(value),
            ParameterType.Boolean => value is JsonValue flag
                && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            ParameterType.StringMap or ParameterType.Object => value is JsonObject,
            _ => true,
        };
        if (!fits)
        {
            report(path, $"expected {Expected(parameter.Type)}, found {JsonDescription.Of(value)}");
            return;
        }

        if (parameter.Type == ParameterType.StringMap)
        {
            foreach (var (name, item) in value!.AsObject())
            {
                if (item is not JsonValue entry || entry.GetValueKind() != JsonValueKind.String)
                {
                    report(JsonPath.Property(path, name), "expected a string (every value of "
                        + $"'{parameter.Name}' is a string), found {JsonDescription.Of(item)}");
                }
            }
        }

        if (text is not null && parameter.AllowedValues.Count > 0
            && !TemplateText.MayContainTemplates(text) && !parameter.AllowedValues.Contains(text))
        {
            report(path, $"expected one of {string.Join(", ", parameter.AllowedValues)}, found "
                + JsonDescription.Quote(text));
        }
    }

    private static bool IsInteger(JsonNode? value) =>
        value is JsonValue number && number.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(
            number.ToJsonString(),
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out var parsed)
        && parsed == decimal.Truncate(parsed);

    private static string Expected(ParameterType type) => type switch
    {
        ParameterType.String => "a string",
        ParameterType.Integer => "a whole number",
        ParameterType.Boolean => "true or false",
        ParameterType.StringMap => "an object whose values are strings",
        ParameterType.Object => "an object",
        _ => "a JSON value",
    };
}
