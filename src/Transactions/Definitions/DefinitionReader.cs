using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SagaBridge.Activities.Steps;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// Reads a definition document and collects every problem instead of stopping at the first.
/// Each part is read as far as it can be, so one mistake does not hide the next.
/// </summary>
internal sealed partial class DefinitionReader
{
    /// <summary>
    /// A saga of more steps than this is a mistake, and the bound keeps the graph checks cheap.
    /// </summary>
    public const int MostSteps = 500;

    public const string DurationShape =
        "a duration such as \"30s\", \"10m\" or \"2h\" (a whole number, then ms, s, m, h or d)";

    private const string NoOpKind = "none";

    private static readonly string[] RootProperties =
        ["$schema", "name", "version", "description", "inputSchema", "defaults", "steps"];

    private static readonly string[] StepProperties =
    [
        "id", "description", "kind", "parameters", "dependsOn", "timeout", "retry", "poll",
        "pivot", "compensate", "onCancel",
    ];

    private static readonly string[] CompensateProperties = ["kind", "parameters", "retry"];

    private static readonly string[] DefaultsProperties = ["timeout", "retry", "poll"];

    private static readonly string[] RetryProperties =
        ["maxAttempts", "initialInterval", "backoffCoefficient", "maxInterval"];

    private static readonly string[] PollProperties =
        ["initialInterval", "maxInterval", "callbackInterval"];

    private static readonly string[] SchemaProperties =
        ["type", "description", "required", "properties", "additionalProperties"];

    private static readonly string[] SchemaPropertyProperties = ["type", "description"];

    private static readonly string[] StopModes = ["cancel", "drain"];

    private readonly List<DefinitionProblem> problems = [];

    /// <summary>The JSON types an inputSchema property may declare.</summary>
    public static IReadOnlyList<string> InputTypes { get; } =
        ["string", "number", "integer", "boolean", "object", "array"];

    public static DefinitionLoadResult Read(string? json)
    {
        var reader = new DefinitionReader();
        var definition = reader.ReadText(json);

        return definition is not null && reader.problems.Count == 0
            ? new DefinitionLoadResult(definition, [])
            : new DefinitionLoadResult(null, reader.problems);
    }

    private TransactionDefinition? ReadText(string? json)
    {
        if (json is null)
        {
            Report(JsonPath.Root, "expected a JSON document, found nothing");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            Report(JsonPath.Root, $"malformed JSON at line {line}, position {position}: "
                + ReasonOf(e.Message));
            return null;
        }
        catch (ArgumentException e)
        {
            Report(JsonPath.Root, $"the text cannot be read as JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            return CheckText(document.RootElement, JsonPath.Root)
                ? ReadRoot(document.RootElement)
                : null;
        }
    }

    /// <summary>
    /// Finds strings and names that escape half a surrogate pair ("\ud800"): the JSON reader
    /// accepts them, but they cannot become .NET strings, so nothing after this could read them.
    /// </summary>
    private bool CheckText(JsonElement element, string path)
    {
        var readable = true;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var index = 0;
                foreach (var property in element.EnumerateObject())
                {
                    var name = ReadableName(property, path, index++);
                    readable &= name is not null
                        && CheckText(property.Value, JsonPath.Property(path, name));
                }

                break;

            case JsonValueKind.Array:
                var position = 0;
                foreach (var item in element.EnumerateArray())
                {
                    readable &= CheckText(item, JsonPath.Index(path, position++));
                }

                break;

            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException e)
                {
                    Report(path, $"the string cannot be read: {e.Message}");
                    readable = false;
                }

                break;
        }

        return readable;
    }

    private string? ReadableName(JsonProperty property, string path, int index)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            Report(path, $"the name of property {index + 1} cannot be read: {e.Message}");
            return null;
        }
    }

    private TransactionDefinition? ReadRoot(JsonElement root)
    {
        var fields = ReadObject(root, JsonPath.Root, RootProperties);
        if (fields is null)
        {
            return null;
        }

        var name = ReadName(fields);
        var version = ReadString(fields, JsonPath.Root, "version", required: true);
        if (version is { Length: 0 })
        {
            Report("$.version", "expected a non-empty version label such as \"1\", found \"\"");
        }

        var description = ReadString(fields, JsonPath.Root, "description", required: false);
        ReadString(fields, JsonPath.Root, "$schema", required: false);
        var schema = fields.TryGetValue("inputSchema", out var schemaElement)
            ? ReadInputSchema(schemaElement)
            : null;
        var defaults = ReadDefaults(fields);
        var steps = ReadSteps(fields, defaults);

        var graph = CheckGraph(steps);
        CheckTemplates(steps, graph.Upstream, schema);
        CheckPivot(steps, graph.Upstream);

        if (problems.Count > 0 || name is null || version is null)
        {
            return null;
        }

        return Build(name, version, description, schema?.Node, steps, graph);
    }

    private string? ReadName(Dictionary<string, JsonElement> fields)
    {
        var name = ReadString(fields, JsonPath.Root, "name", required: true);
        if (name is not null && !DefinitionName().IsMatch(name))
        {
            Report("$.name", "expected lower-case letters, digits and dashes, starting with a "
                + $"letter, at most 63 characters, found {JsonDescription.Quote(name)}");
            return null;
        }

        return name;
    }

    private (TimeSpan? Timeout, RetryDefinition Retry, PollDefinition Poll) ReadDefaults(
        Dictionary<string, JsonElement> fields)
    {
        if (!fields.TryGetValue("defaults", out var element)
            || ReadObject(element, "$.defaults", DefaultsProperties) is not { } defaults)
        {
            return (null, RetryDefinition.Default, PollDefinition.Default);
        }

        var timeout = ReadDuration(defaults, "$.defaults", "timeout");
        var retry = ReadRetry(defaults, "$.defaults", RetryDefinition.Default);
        var poll = ReadPoll(defaults, "$.defaults", PollDefinition.Default);

        return (timeout, retry, poll);
    }

    private List<StepDraft> ReadSteps(
        Dictionary<string, JsonElement> fields,
        (TimeSpan? Timeout, RetryDefinition Retry, PollDefinition Poll) defaults)
    {
        var steps = new List<StepDraft>();
        if (!fields.TryGetValue("steps", out var element))
        {
            Report("$.steps", "missing: a definition needs a non-empty array of steps");
            return steps;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            Expected("$.steps", "an array of steps", element);
            return steps;
        }

        var count = element.GetArrayLength();
        if (count == 0)
        {
            Report("$.steps", "expected at least one step, found an empty array");
        }
        else if (count > MostSteps)
        {
            Report("$.steps", $"expected at most {MostSteps} steps, found {count}");
            return steps;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            steps.Add(ReadStep(item, index++, defaults));
        }

        return steps;
    }

    private StepDraft ReadStep(
        JsonElement element,
        int index,
        (TimeSpan? Timeout, RetryDefinition Retry, PollDefinition Poll) defaults)
    {
        var step = new StepDraft { Index = index };
        var path = step.Path;
        if (ReadObject(element, path, StepProperties) is not { } fields)
        {
            return step;
        }

        step.Id = ReadStepId(fields, path);
        step.Description = ReadString(fields, path, "description", required: false);
        step.Spec = ReadKind(fields, path, allowNone: false, out _);
        step.Parameters = ReadParameters(fields, path, step.Spec);
        step.DependsOn = ReadDependsOn(fields, path);
        step.Timeout = ReadDuration(fields, path, "timeout") ?? defaults.Timeout;
        step.Retry = ReadRetry(fields, path, defaults.Retry);
        step.Poll = ReadPoll(fields, path, defaults.Poll);
        step.IsPivot = ReadBoolean(fields, path, "pivot") ?? false;
        if (fields.TryGetValue("compensate", out var compensate))
        {
            step.HasCompensate = true;
            step.Compensation = ReadCompensation(compensate, path + ".compensate", defaults.Retry);
        }

        step.OnCancel = ReadStopMode(fields, path, step);

        return step;
    }

    private string? ReadStepId(Dictionary<string, JsonElement> fields, string path)
    {
        var id = ReadString(fields, path, "id", required: true);
        if (id is not null && !StepId().IsMatch(id))
        {
            Report(path + ".id", "expected a letter, then letters, digits, '_' or '-', at most "
                + $"63 characters, found {JsonDescription.Quote(id)}");
            return null;
        }

        return id;
    }

    private StepKindSpec? ReadKind(
        Dictionary<string, JsonElement> fields,
        string path,
        bool allowNone,
        out bool isNone)
    {
        isNone = false;
        var kind = ReadString(fields, path, "kind", required: true);
        if (kind is null)
        {
            return null;
        }

        if (allowNone && kind == NoOpKind)
        {
            isNone = true;
            return null;
        }

        if (StepKindCatalog.Find(kind) is { } spec)
        {
            return spec;
        }

        var known = StepKindCatalog.All.Keys.Order(StringComparer.Ordinal).ToList();
        if (allowNone)
        {
            known.Add(NoOpKind);
        }

        Report(path + ".kind", $"unknown step kind {JsonDescription.Quote(kind)}"
            + Spelling.Suggest(kind, known) + $"; known kinds: {string.Join(", ", known)}");
        return null;
    }

    private JsonObject ReadParameters(
        Dictionary<string, JsonElement> fields,
        string path,
        StepKindSpec? spec)
    {
        var parametersPath = path + ".parameters";
        var parameters = new JsonObject();
        if (fields.TryGetValue("parameters", out var element))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                // Checking each parameter against nothing would only repeat this problem.
                Expected(parametersPath, "an object of parameters", element);
                return parameters;
            }

            parameters = (JsonObject)ToNode(element, parametersPath)!;
        }

        if (spec is not null)
        {
            ParameterRules.Check(spec, parameters, parametersPath, Report);
        }

        return parameters;
    }

    private List<(string Id, string Path)>? ReadDependsOn(
        Dictionary<string, JsonElement> fields,
        string path)
    {
        if (!fields.TryGetValue("dependsOn", out var element))
        {
            return null;
        }

        var listPath = path + ".dependsOn";
        var dependsOn = new List<(string Id, string Path)>();
        if (element.ValueKind != JsonValueKind.Array)
        {
            Expected(listPath, "an array of step ids", element);
            return dependsOn;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = JsonPath.Index(listPath, index++);
            if (item.ValueKind != JsonValueKind.String)
            {
                Expected(itemPath, "a step id", item);
                continue;
            }

            var id = item.GetString()!;
            if (dependsOn.Any(d => d.Id == id))
            {
                Report(itemPath, $"step '{id}' is listed twice");
                continue;
            }

            dependsOn.Add((id, itemPath));
        }

        return dependsOn;
    }

    private CompensationDefinition? ReadCompensation(
        JsonElement element,
        string path,
        RetryDefinition defaultRetry)
    {
        if (ReadObject(element, path, CompensateProperties) is not { } fields)
        {
            return null;
        }

        var spec = ReadKind(fields, path, allowNone: true, out var isNone);
        if (isNone)
        {
            foreach (var name in CompensateProperties.Skip(1).Where(fields.ContainsKey))
            {
                Report(path + "." + name, $"a compensation of kind \"none\" does nothing, so it "
                    + $"takes no {name}; remove it or name the kind that undoes the step");
            }

            return new CompensationDefinition(null, [], defaultRetry);
        }

        var parameters = ReadParameters(fields, path, spec);
        var retry = ReadRetry(fields, path, defaultRetry);

        return spec is null ? null : new CompensationDefinition(spec.Kind, parameters, retry);
    }

    private StopMode ReadStopMode(
        Dictionary<string, JsonElement> fields,
        string path,
        StepDraft step)
    {
        var text = ReadString(fields, path, "onCancel", required: false);
        if (text is null)
        {
            return StopMode.Cancel;
        }

        if (!StopModes.Contains(text))
        {
            Report(path + ".onCancel", "expected \"cancel\" or \"drain\", found "
                + JsonDescription.Quote(text));
            return StopMode.Cancel;
        }

        var mode = text == "drain" ? StopMode.Drain : StopMode.Cancel;
        var kind = step.Spec?.Kind;
        if (mode == StopMode.Drain && kind is not null
            && kind is not (StepKinds.DataflowFlexTemplate or StepKinds.DataflowTemplate))
        {
            Report(path + ".onCancel", $"only Dataflow jobs can drain, but this step is of kind "
                + $"{kind}; use \"cancel\"");
        }

        if (step.Parameters["onCancel"] is JsonValue written
            && written.GetValueKind() == JsonValueKind.String
            && written.GetValue<string>() != text
            && !TemplateText.MayContainTemplates(written.GetValue<string>()))
        {
            Report(path + ".onCancel", $"says {JsonDescription.Quote(text)} but "
                + $"parameters.onCancel says {JsonDescription.Quote(written.GetValue<string>())}; "
                + "give one of them, or the same value in both");
        }

        return mode;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex DefinitionName();

    [GeneratedRegex("^[a-z][a-zA-Z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex StepId();
}
