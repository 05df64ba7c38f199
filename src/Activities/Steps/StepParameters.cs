using System.Text.Json;
using System.Text.Json.Nodes;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Steps;

/// <summary>
/// A step's resolved parameters as a driver reads them. Definitions are validated against
/// <see cref="StepKindCatalog"/> when loaded, so a failure here means a definition slipped
/// past validation: it is permanent.
/// </summary>
internal sealed class StepParameters
{
    private readonly string kind;

    private readonly JsonObject values;

    private StepParameters(string kind, JsonObject values)
    {
        this.kind = kind;
        this.values = values;
    }

    /// <exception cref="PermanentRemoteException">The text is not a JSON object.</exception>
    public static StepParameters Parse(string kind, string parametersJson)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(parametersJson) ? "{}" : parametersJson)
                is JsonObject values
                ? new StepParameters(kind, values)
                : throw Invalid(kind, "the parameters must be a JSON object");
        }
        catch (JsonException failure)
        {
            throw Invalid(kind, $"the parameters are not valid JSON ({failure.Message})");
        }
    }

    public string Required(string name) =>
        Optional(name) is { Length: > 0 } value
            ? value
            : throw Invalid(kind, $"parameter '{name}' is required and must be a non-empty string");

    public string? Optional(string name) =>
        values[name] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => throw Invalid(kind, $"parameter '{name}' must be a string"),
        };

    public bool Flag(string name) =>
        values[name] switch
        {
            null => false,
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
            _ => throw Invalid(kind, $"parameter '{name}' must be true or false"),
        };

    /// <summary>A deep copy of the value, so callers may change it freely.</summary>
    public JsonNode? Node(string name) => values[name]?.DeepClone();

    /// <summary>A deep copy of an object parameter, null when absent.</summary>
    public JsonObject? Object(string name) =>
        values[name] switch
        {
            null => null,
            JsonObject value => (JsonObject)value.DeepClone(),
            _ => throw Invalid(kind, $"parameter '{name}' must be a JSON object"),
        };

    /// <summary>A string-to-string object parameter; empty when absent.</summary>
    public Dictionary<string, string> StringMap(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);

        if (Object(name) is not { } value)
        {
            return map;
        }

        foreach (var (key, item) in value)
        {
            map[key] = item is JsonValue text && text.TryGetValue<string>(out var content)
                ? content
                : throw Invalid(kind, $"parameter '{name}.{key}' must be a string");
        }

        return map;
    }

    private static PermanentRemoteException Invalid(string kind, string problem) =>
        new($"Step of kind {kind}: {problem}.", statusCode: null);
}
