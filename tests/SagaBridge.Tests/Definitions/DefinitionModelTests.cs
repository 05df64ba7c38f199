using System.Text.Json.Nodes;
using SagaBridge.Transactions.Definitions;
using static SagaBridge.Tests.Definitions.DefinitionDocuments;

namespace SagaBridge.Tests.Definitions;

public sealed class DefinitionModelTests
{
    [Fact]
    public void AStepWithoutDependsOnWaitsForThePreviousStepAndAnEmptyListForNone()
    {
        var document = Sequential();
        StepAt(document, 2)["dependsOn"] = new JsonArray();

        var definition = DefinitionLoader.Load(document.ToJsonString());

        Assert.Empty(definition.Steps[0].DependsOn);
        Assert.Equal(["a"], definition.Steps[1].DependsOn);
        Assert.Empty(definition.Steps[2].DependsOn);
    }

    [Fact]
    public void UpstreamIsTransitiveAndDownstreamIsInFileOrder()
    {
        var document = Sequential();
        var d = Step("d");
        d["dependsOn"] = new JsonArray("a");
        document["steps"]!.AsArray().Add(d);

        var definition = DefinitionLoader.Load(document.ToJsonString());

        Assert.Equal(new HashSet<string> { "a", "b" }, definition.Upstream("c"));
        Assert.Equal(["b", "c", "d"], definition.Downstream("a").Select(s => s.Id));
        Assert.Empty(definition.Downstream("c"));
        Assert.Throws<ArgumentException>(() => definition.Upstream("nope"));
    }

    [Fact]
    public void StepsWithoutSettingsGetTheDefaultsSectionThenTheBuiltInValues()
    {
        var document = Sequential();
        document["defaults"] = new JsonObject
        {
            ["timeout"] = "3h",
            ["retry"] = new JsonObject { ["maxAttempts"] = 7 },
            ["poll"] = new JsonObject { ["callbackInterval"] = "30m" },
        };
        StepAt(document, 1)["timeout"] = "90s";
        StepAt(document, 1)["retry"] = new JsonObject { ["initialInterval"] = "1s" };

        var definition = DefinitionLoader.Load(document.ToJsonString());

        var a = definition.Steps[0];
        var b = definition.Steps[1];
        Assert.Equal(TimeSpan.FromHours(3), a.Timeout);
        Assert.Equal(new RetryDefinition(7, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(5)),
            a.Retry);
        Assert.Equal(new PollDefinition(
            TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)), a.Poll);
        Assert.Equal(TimeSpan.FromSeconds(90), b.Timeout);
        Assert.Equal(7, b.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), b.Retry.InitialInterval);
        Assert.Equal(7, a.Compensation!.Retry.MaxAttempts);
    }

    [Fact]
    public void APivotAndTheStepsAfterItMayBeLeftWithoutCompensation()
    {
        var document = Sequential();
        StepAt(document, 1)["pivot"] = true;
        StepAt(document, 1).Remove("compensate");
        StepAt(document, 2).Remove("compensate");
        StepAt(document, 0)["compensate"] = new JsonObject { ["kind"] = "none" };

        var definition = DefinitionLoader.Load(document.ToJsonString());

        Assert.Equal("b", definition.Pivot?.Id);
        Assert.True(definition.Steps[0].IsCompensable);
        Assert.True(definition.Steps[0].Compensation!.IsNoOp);
        Assert.False(definition.Steps[1].IsCompensable);
        Assert.False(definition.Steps[2].IsCompensable);
    }

    [Fact]
    public void TheNormalisedJsonCarriesResolvedDependenciesAndSettings()
    {
        var document = Sequential();
        document["$schema"] = "./transaction-definition.schema.json";
        document["defaults"] = new JsonObject { ["timeout"] = "120m" };

        var definition = DefinitionLoader.Load(document.ToJsonString());
        var snapshot = JsonNode.Parse(definition.Json)!;

        Assert.Null(snapshot["$schema"]);
        Assert.Null(snapshot["defaults"]);
        Assert.Equal("2h", (string?)snapshot["steps"]![2]!["timeout"]);
        Assert.Equal("""["b"]""", snapshot["steps"]![2]!["dependsOn"]!.ToJsonString());
        Assert.Equal(3, (int)snapshot["steps"]![0]!["retry"]!["maxAttempts"]!);
        Assert.Equal(definition.Json, DefinitionLoader.Load(definition.Json).Json);
    }
}
