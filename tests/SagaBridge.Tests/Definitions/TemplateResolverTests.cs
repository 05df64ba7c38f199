using System.Text.Json.Nodes;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Tests.Definitions;

public sealed class TemplateResolverTests
{
    private static readonly TemplateScope Scope = new(
        "tx-42",
        "ai-pipeline",
        JsonNode.Parse("""{ "project": "p1", "size": 3, "nested": { "region": "eu" } }"""),
        new Dictionary<string, StepResultView>
        {
            ["train"] = new("exec-7", JsonNode.Parse(
                """{ "modelUri": "gs://m/1", "metrics": { "acc": 0.93 }, "items": ["x", "y"] }""")),
            ["queued"] = new(null, null),
        });

    [Fact]
    public void AStringThatIsExactlyOneTemplateBecomesTheReferencedValueWithItsType()
    {
        var parameters = Parse("""
            { "size": "{{input.size}}", "metrics": "{{ steps.train.output.metrics }}" }
            """);

        var resolved = TemplateResolver.Resolve(parameters, Scope);

        Assert.Equal("""{"size":3,"metrics":{"acc":0.93}}""", resolved.ToJsonString());
    }

    [Fact]
    public void TemplatesInsideTextAreWrittenAsText()
    {
        var parameters = Parse("""
            { "path": "gs://{{input.project}}/{{transaction.id}}/{{input.size}}",
              "note": "{{transaction.name}} ran {{steps.train.remoteId}} with {{input.nested}}" }
            """);

        var resolved = TemplateResolver.Resolve(parameters, Scope);

        Assert.Equal("gs://p1/tx-42/3", (string?)resolved["path"]);
        Assert.Equal("ai-pipeline ran exec-7 with {\"region\":\"eu\"}", (string?)resolved["note"]);
    }

    [Fact]
    public void NestedPathsAndArrayIndexesAreFollowed()
    {
        var parameters = Parse("""
            { "deep": { "list": ["{{input.nested.region}}", "{{steps.train.output.items[1]}}"] } }
            """);

        var resolved = TemplateResolver.Resolve(parameters, Scope);

        Assert.Equal("""{"deep":{"list":["eu","y"]}}""", resolved.ToJsonString());
    }

    [Fact]
    public void ResolvingLeavesTheParametersUnchanged()
    {
        var parameters = Parse("""{ "a": "{{input.project}}", "b": [1, true, null] }""");
        var before = parameters.ToJsonString();

        var resolved = TemplateResolver.Resolve(parameters, Scope);

        Assert.Equal(before, parameters.ToJsonString());
        Assert.Equal("""{"a":"p1","b":[1,true,null]}""", resolved.ToJsonString());
    }

    [Fact]
    public void AzureMlBindingExpressionsAreKeptVerbatim()
    {
        var parameters = Parse("""{ "path": "${{parent.inputs.data}}/{{input.project}}" }""");

        var resolved = TemplateResolver.Resolve(parameters, Scope);

        Assert.Equal("${{parent.inputs.data}}/p1", (string?)resolved["path"]);
    }

    [Theory]
    [InlineData("{{input.missing}}", "input has no member 'missing'")]
    [InlineData("{{steps.train.output.metrics.f1}}", "output.metrics has no member 'f1'")]
    [InlineData("{{steps.train.output.items[5]}}", "has 2 items, so no index 5")]
    [InlineData("{{steps.train.output.modelUri.x}}", "is a string \"gs://m/1\", not an object")]
    [InlineData("{{steps.evaluate.output.id}}", "step 'evaluate' has no result yet")]
    [InlineData("{{steps.queued.remoteId}}", "step 'queued' has no remote id yet")]
    [InlineData("{{steps.queued.output.id}}", "step 'queued' has no output")]
    public void AMissingPartNamesTheTemplateAndWhatIsMissing(string template, string missing)
    {
        var parameters = new JsonObject { ["argument"] = new JsonObject { ["x"] = template } };

        var error = Assert.Throws<TemplateResolutionException>(
            () => TemplateResolver.Resolve(parameters, Scope));

        Assert.Equal(template, error.Template);
        Assert.Contains("argument.x", error.Message);
        Assert.Contains(template, error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void ResolvingTheSameParametersTwiceGivesTheSameResult()
    {
        var parameters = Parse("""{ "a": "{{steps.train.output}}", "b": "x{{input}}" }""");

        var first = TemplateResolver.Resolve(parameters, Scope).ToJsonString();
        var second = TemplateResolver.Resolve(parameters, Scope).ToJsonString();

        Assert.Equal(first, second);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
