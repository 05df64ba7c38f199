using System.Text.Json;
using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// Readers of single values: each reports what is wrong and returns what it could read.
/// </summary>
internal sealed partial class DefinitionReader
{
    private void Report(string path, string message) => problems.Add(new(path, message));

    private void Expected(string path, string expected, JsonElement found) =>
        Report(path, $"expected {expected}, found {JsonDescription.Of(found)}");

    /// <summary>The reason part of a System.Text.Json message, without its own position.</summary>
    private static string ReasonOf(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (end < 0)
        {
            end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (end < 0 ? message : message[..end]).TrimEnd('.', ' ');
    }

    /// <summary>
    /// Checks that an element is an object with only known, unrepeated properties, and returns
    /// its properties by name (the first of repeated ones).
    /// </summary>
    private Dictionary<string, JsonElement>? ReadObject(
        JsonElement element,
        string path,
        IReadOnlyList<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Expected(path, "an object", element);
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = JsonPath.Property(path, property.Name);
            if (!allowed.Contains(property.Name))
            {
                Report(propertyPath, $"unknown property '{property.Name}'"
                    + Spelling.Suggest(property.Name, allowed)
                    + $"; expected one of: {string.Join(", ", allowed)}");
            }
            else if (!fields.TryAdd(property.Name, property.Value))
            {
                Report(propertyPath, $"property '{property.Name}' appears more than once");
            }
        }

        return fields;
    }

    private string? ReadString(
        Dictionary<string, JsonElement> fields,
        string path,
        string name,
        bool required)
    {
        var propertyPath = JsonPath.Property(path, name);
        if (!fields.TryGetValue(name, out var element))
        {
            if (required)
            {
                Report(propertyPath, $"missing: '{name}' is required here and must be a string");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            Expected(propertyPath, "a string", element);
            return null;
        }

        return element.GetString();
    }

    private bool? ReadBoolean(Dictionary<string, JsonElement> fields, string path, string name)
    {
        if (!fields.TryGetValue(name, out var element))
        {
            return null;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Expected(JsonPath.Property(path, name), "true or false", element);
            return null;
        }

        return element.GetBoolean();
    }

    private TimeSpan? ReadDuration(Dictionary<string, JsonElement> fields, string path, string name)
    {
        if (!fields.TryGetValue(name, out var element))
        {
            return null;
        }

        var propertyPath = JsonPath.Property(path, name);
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
        if (text is null || !Duration.HasShape(text))
        {
            Expected(propertyPath, DurationShape, element);
            return null;
        }

        if (!Duration.TryParse(text, out var value))
        {
            var longest = Duration.Format(Duration.Longest);
            Report(propertyPath, $"expected a duration of at most {longest}"
                + $", found {JsonDescription.Quote(text)}");
            return null;
        }

        if (value <= TimeSpan.Zero)
        {
            Report(propertyPath, $"expected a duration longer than zero, found \"{text}\"");
            return null;
        }

        return value;
    }

    private RetryDefinition ReadRetry(
        Dictionary<string, JsonElement> fields,
        string path,
        RetryDefinition fallback)
    {
        var retryPath = path + ".retry";
        if (!fields.TryGetValue("retry", out var element)
            || ReadObject(element, retryPath, RetryProperties) is not { } retry)
        {
            return fallback;
        }

        var maxAttempts = fallback.MaxAttempts;
        if (retry.TryGetValue("maxAttempts", out var attempts))
        {
            if (attempts.ValueKind == JsonValueKind.Number && attempts.TryGetInt32(out var count)
                && count >= 1)
            {
                maxAttempts = count;
            }
            else
            {
                Expected(retryPath + ".maxAttempts", "a whole number of at least 1", attempts);
            }
        }

        var coefficient = fallback.BackoffCoefficient;
        if (retry.TryGetValue("backoffCoefficient", out var growth))
        {
            if (growth.ValueKind == JsonValueKind.Number && growth.TryGetDouble(out var factor)
                && double.IsFinite(factor) && factor >= 1 && factor <= 100)
            {
                coefficient = factor;
            }
            else
            {
                Expected(retryPath + ".backoffCoefficient", "a number from 1 to 100", growth);
            }
        }

        var initial = ReadDuration(retry, retryPath, "initialInterval") ?? fallback.InitialInterval;
        var longest = ReadDuration(retry, retryPath, "maxInterval") ?? fallback.MaxInterval;
        CheckOrder(retryPath, ("initialInterval", initial), ("maxInterval", longest), retry);

        return new RetryDefinition(maxAttempts, initial, coefficient, longest);
    }

    private PollDefinition ReadPoll(
        Dictionary<string, JsonElement> fields,
        string path,
        PollDefinition fallback)
    {
        var pollPath = path + ".poll";
        if (!fields.TryGetValue("poll", out var element)
            || ReadObject(element, pollPath, PollProperties) is not { } poll)
        {
            return fallback;
        }

        var initial = ReadDuration(poll, pollPath, "initialInterval") ?? fallback.InitialInterval;
        var longest = ReadDuration(poll, pollPath, "maxInterval") ?? fallback.MaxInterval;
        var callback = ReadDuration(poll, pollPath, "callbackInterval")
            ?? fallback.CallbackInterval;
        CheckOrder(pollPath, ("initialInterval", initial), ("maxInterval", longest), poll);

        return new PollDefinition(initial, longest, callback);
    }

    /// <summary>
    /// An initial interval longer than the maximum is a mistake, not a preference.
    /// </summary>
    private void CheckOrder(
        string path,
        (string Name, TimeSpan Value) initial,
        (string Name, TimeSpan Value) longest,
        Dictionary<string, JsonElement> written)
    {
        if (initial.Value <= longest.Value)
        {
            return;
        }

        var source = written.ContainsKey(longest.Name) ? string.Empty : ", the default";
        var at = written.ContainsKey(initial.Name) ? initial.Name : longest.Name;
        Report(JsonPath.Property(path, at), $"expected {initial.Name} to be at most "
            + $"{longest.Name} ({Duration.Format(longest.Value)}{source}), found "
            + Duration.Format(initial.Value));
    }

    private InputSchemaDraft? ReadInputSchema(JsonElement element)
    {
        const string path = "$.inputSchema";
        if (ReadObject(element, path, SchemaProperties) is not { } fields)
        {
            return null;
        }

        var type = ReadString(fields, path, "type", required: false);
        if (type is not null and not "object")
        {
            Report(path + ".type", $"expected \"object\" (the input is a JSON object), found "
                + JsonDescription.Quote(type));
        }

        ReadString(fields, path, "description", required: false);
        var properties = ReadSchemaProperties(fields);
        var required = ReadRequired(fields, properties);
        var additional = ReadBoolean(fields, path, "additionalProperties");

        // Templates may read undeclared members only when the schema says so explicitly (or
        // declares nothing): a name missing from a declared list is far more often a typo.
        var templatesMayReadOthers = additional == true || !fields.ContainsKey("properties");

        return new InputSchemaDraft(
            (JsonObject)ToNode(element, path)!,
            properties,
            required,
            templatesMayReadOthers);
    }

    private Dictionary<string, string?> ReadSchemaProperties(Dictionary<string, JsonElement> fields)
    {
        const string path = "$.inputSchema.properties";
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!fields.TryGetValue("properties", out var element))
        {
            return properties;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            Expected(path, "an object of property schemas", element);
            return properties;
        }

        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = JsonPath.Property(path, property.Name);
            if (properties.ContainsKey(property.Name))
            {
                Report(propertyPath, $"property '{property.Name}' appears more than once");
                continue;
            }

            var schema = ReadObject(property.Value, propertyPath, SchemaPropertyProperties);
            var type = schema is null
                ? null
                : ReadString(schema, propertyPath, "type", required: false);
            if (schema is not null)
            {
                ReadString(schema, propertyPath, "description", required: false);
            }

            if (type is not null && !InputTypes.Contains(type))
            {
                Report(propertyPath + ".type", $"expected one of {string.Join(", ", InputTypes)}"
                    + $", found {JsonDescription.Quote(type)}");
                type = null;
            }

            properties[property.Name] = type;
        }

        return properties;
    }

    private List<string> ReadRequired(
        Dictionary<string, JsonElement> fields,
        Dictionary<string, string?> properties)
    {
        const string path = "$.inputSchema.required";
        var required = new List<string>();
        if (!fields.TryGetValue("required", out var element))
        {
            return required;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            Expected(path, "an array of property names", element);
            return required;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = JsonPath.Index(path, index++);
            if (item.ValueKind != JsonValueKind.String)
            {
                Expected(itemPath, "a property name", item);
                continue;
            }

            var name = item.GetString()!;
            if (required.Contains(name))
            {
                Report(itemPath, $"'{name}' is listed twice");
            }
            else if (fields.ContainsKey("properties") && !properties.ContainsKey(name))
            {
                Report(itemPath, $"'{name}' is required but not declared in properties"
                    + Spelling.Suggest(name, properties.Keys));
            }
            else
            {
                required.Add(name);
            }
        }

        return required;
    }

    /// <summary>
    /// Copies free-form JSON into a node tree, reporting repeated property names.
    /// </summary>
    private JsonNode? ToNode(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var propertyPath = JsonPath.Property(path, property.Name);
                    if (obj.ContainsKey(property.Name))
                    {
                        Report(propertyPath, $"property '{property.Name}' appears more than once");
                        continue;
                    }

                    obj[property.Name] = ToNode(property.Value, propertyPath);
                }

                return obj;

            case JsonValueKind.Array:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item, JsonPath.Index(path, index++)));
                }

                return array;

            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());

            case JsonValueKind.Number:
                return JsonNode.Parse(element.GetRawText());

            case JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(element.GetBoolean());

            default:
                return null;
        }
    }
}
