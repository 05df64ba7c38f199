using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SagaBridge.Activities.Steps;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Tests.Definitions;

public sealed class DefinitionSchemaTests
{
    private static readonly string SchemaText = File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "transaction-definition.schema.json"));

    // Built once: the library keeps a process-wide registry of schema ids.
    private static readonly JsonSchema Schema = JsonSchema.FromText(SchemaText);

    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.json")
            .Select(Path.GetFileName)
            .Select(name => name!)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryExampleMatchesTheSchema(string file)
    {
        var json = File.ReadAllText(DefinitionDocuments.ExamplePath(file));

        var results = Evaluate(json);

        Assert.True(results.IsValid, Describe(results));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("kind")]
    [InlineData("workflow")]
    [InlineData("typo")]
    [InlineData("timeout")]
    [InlineData("drain")]
    [InlineData("compensate")]
    public void TheSchemaRejectsABrokenDocument(string breakage)
    {
        var document = DefinitionDocuments.Sequential();
        var step = DefinitionDocuments.StepAt(document, 0);
        switch (breakage)
        {
            case "name": document.Remove("name"); break;
            case "kind": step["kind"] = "gcp.nothing"; break;
            case "workflow": step["parameters"]!.AsObject().Remove("workflow"); break;
            case "typo": step["dependson"] = new JsonArray(); break;
            case "timeout": step["timeout"] = "2 hours"; break;
            case "drain": step["onCancel"] = "drain"; break;
            case "compensate": step["compensate"] = new JsonObject { ["kind"] = "undo" }; break;
        }

        var results = Evaluate(document.ToJsonString());

        Assert.False(results.IsValid);
        Assert.False(DefinitionLoader.TryLoad(document.ToJsonString()).IsValid);
    }

    [Fact]
    public void TheSchemaDescribesTheKindsAndParametersOfTheCatalog()
    {
        var schema = JsonNode.Parse(SchemaText)!;
        var rules = schema["$defs"]!["step"]!["allOf"]!.AsArray()
            .Where(rule => rule!["if"]!["properties"]!["kind"]?["const"] is not null)
            .ToDictionary(
                rule => (string)rule!["if"]!["properties"]!["kind"]!["const"]!,
                rule => ((string)rule!["then"]!["properties"]!["parameters"]!["$ref"]!)
                    .Replace("#/$defs/", string.Empty));

        Assert.Equal(
            StepKindCatalog.All.Keys.Order(),
            schema["$defs"]!["stepKind"]!["enum"]!.AsArray().Select(k => (string)k!).Order());
        Assert.Equal(StepKindCatalog.All.Keys.Order(), rules.Keys.Order());
        foreach (var (kind, spec) in StepKindCatalog.All)
        {
            var parameters = schema["$defs"]![rules[kind]]!;
            Assert.Equal(
                spec.Parameters.Select(p => p.Name).Order(),
                parameters["properties"]!.AsObject().Select(p => p.Key).Order());
            Assert.Equal(
                spec.Parameters.Where(p => p.Required).Select(p => p.Name).Order(),
                parameters["required"]!.AsArray().Select(n => (string)n!).Order());
        }
    }

    [Fact]
    public void TheTransactionsAssemblyCarriesTheSchema()
    {
        var assembly = typeof(DefinitionLoader).Assembly;

        using var stream = assembly.GetManifestResourceStream("transaction-definition.schema.json");
        using var reader = new StreamReader(stream!);

        Assert.Equal(SchemaText, reader.ReadToEnd());
    }

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);

        return Schema.Evaluate(
            document.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults results) =>
        string.Join(Environment.NewLine, (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
