using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SagaBridge.Tests.Infra;

public sealed partial class ExampleDefinitionTests
{
    [Fact]
    public void ExamplesNameExactlyTheWorkflowsThatHaveSources()
    {
        var named = Examples()
            .SelectMany(example => StringValuesOf(example, "workflow"))
            .Where(value => !value.Contains("{{", StringComparison.Ordinal))
            .Distinct()
            .Order();

        Assert.Equal(WorkflowSource.Names, named);
    }

    [Fact]
    public void EveryStepOutputAnExampleReadsIsReturnedByTheWorkflowOfThatStep()
    {
        var missing = new List<string>();

        foreach (var example in Examples())
        {
            var text = example.ToJsonString();
            foreach (var step in example["steps"]!.AsArray().OfType<JsonObject>())
            {
                var workflow = (string?)step["parameters"]?["workflow"];
                if (workflow is null)
                {
                    continue;
                }

                var returned = ReturnedKeys(WorkflowSource.Load(workflow));
                var read = OutputReference().Matches(text)
                    .Where(match => match.Groups["step"].Value == (string?)step["id"])
                    .Select(match => match.Groups["field"].Value);
                missing.AddRange(read
                    .Where(field => !returned.Contains(field))
                    .Select(field => $"{workflow} does not return {field}"));
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void FlexTemplateTheExampleLaunchesIsTheOneTheDataflowReadmeDescribes()
    {
        var readme = File.ReadAllText(
            RepositoryFiles.PathOf("infra", "gcp", "dataflow", "README.md"));

        var flexSteps = Examples()
            .SelectMany(example => example["steps"]!.AsArray().OfType<JsonObject>())
            .Where(step => (string?)step["kind"] == "gcp.dataflow.flexTemplate")
            .ToList();

        Assert.NotEmpty(flexSteps);
        foreach (var step in flexSteps)
        {
            var path = InputPlaceholder().Replace(
                (string)step["parameters"]!["containerSpecGcsPath"]!,
                "{${name}}");
            var parameters = step["parameters"]!["parameters"]!.AsObject();

            Assert.Contains(path, readme, StringComparison.Ordinal);
            Assert.All(parameters, pair => Assert.Contains($"`{pair.Key}`", readme));
        }
    }

    private static List<JsonObject> Examples() =>
        [.. Directory.GetFiles(RepositoryFiles.PathOf("examples"), "*.json")
            .Order()
            .Select(path => JsonNode.Parse(File.ReadAllText(path))!.AsObject())];

    private static IEnumerable<string> StringValuesOf(JsonNode? node, string property) =>
        node switch
        {
            JsonObject map => map.SelectMany(pair =>
                pair.Key == property && pair.Value is JsonValue value
                    && value.TryGetValue<string>(out var text)
                    ? [text]
                    : StringValuesOf(pair.Value, property)),
            JsonArray list => list.SelectMany(item => StringValuesOf(item, property)),
            _ => [],
        };

    private static HashSet<string> ReturnedKeys(WorkflowSource source) =>
        [.. source.Entries("return")
            .Select(entry => entry.Value)
            .OfType<YamlMappingNode>()
            .SelectMany(map => map.Children.Keys.OfType<YamlScalarNode>())
            .Select(key => key.Value!)];

    [GeneratedRegex(@"\{\{\s*steps\.(?<step>[A-Za-z0-9_-]+)\.output\.(?<field>[A-Za-z0-9_]+)")]
    private static partial Regex OutputReference();

    [GeneratedRegex(@"\{\{\s*input\.(?<name>[A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex InputPlaceholder();
}
