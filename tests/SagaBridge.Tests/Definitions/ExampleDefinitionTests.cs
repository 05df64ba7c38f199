using SagaBridge.Activities.Steps;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Tests.Definitions;

public sealed class ExampleDefinitionTests
{
    [Fact]
    public void TheAiPipelineExampleLoadsWithoutProblems()
    {
        var json = File.ReadAllText(DefinitionDocuments.ExamplePath("ai-pipeline.json"));

        var result = DefinitionLoader.TryLoad(json);

        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
        Assert.Equal("ai-pipeline", result.Definition.Name);
        Assert.Equal(
            ["preprocess", "train", "evaluate", "publish"],
            result.Definition.Steps.Select(s => s.Id));
    }

    [Fact]
    public void TheAiPipelineExampleRunsItsStepsInSequence()
    {
        var json = File.ReadAllText(DefinitionDocuments.ExamplePath("ai-pipeline.json"));

        var definition = DefinitionLoader.Load(json);

        Assert.Empty(definition.FindStep("preprocess")!.DependsOn);
        Assert.Equal(["preprocess"], definition.FindStep("train")!.DependsOn);
        Assert.Equal(["train"], definition.FindStep("evaluate")!.DependsOn);
        Assert.Equal(
            new HashSet<string> { "preprocess", "train", "evaluate" },
            definition.Upstream("publish"));
        Assert.Equal(StepKinds.DataflowFlexTemplate, definition.Steps[0].Kind);
        Assert.All(definition.Steps, s => Assert.True(s.IsCompensable));
        Assert.Null(definition.Pivot);
        Assert.Equal(TimeSpan.FromHours(6), definition.FindStep("train")!.Timeout);
    }

    [Fact]
    public void TheNormalisedJsonOfTheExampleLoadsToTheSameDefinition()
    {
        var json = File.ReadAllText(DefinitionDocuments.ExamplePath("ai-pipeline.json"));
        var definition = DefinitionLoader.Load(json);

        var reloaded = DefinitionLoader.Load(definition.Json);

        Assert.Equal(definition.Json, reloaded.Json);
        Assert.Equal(definition.Steps.Select(s => s.Id), reloaded.Steps.Select(s => s.Id));
        Assert.Equal(
            definition.Steps.Select(s => s.DependsOn.ToArray()),
            reloaded.Steps.Select(s => s.DependsOn.ToArray()));
    }
}
