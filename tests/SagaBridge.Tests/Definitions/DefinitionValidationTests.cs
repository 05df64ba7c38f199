using System.Text.Json.Nodes;
using SagaBridge.Transactions.Definitions;
using static SagaBridge.Tests.Definitions.DefinitionDocuments;

namespace SagaBridge.Tests.Definitions;

public sealed class DefinitionValidationTests
{
    [Fact]
    public void MalformedJsonIsReportedWithLineAndPosition()
    {
        const string json = "{\n  \"name\": \"x\",\n  \"version\": 1,,\n}";

        var result = DefinitionLoader.TryLoad(json);

        ProblemAssert.Has(result, "$", "malformed JSON at line 3, position 16");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\ud800")]
    [InlineData("{ \"name\": \"\\ud800\", \"version\": \"1\", \"steps\": [] }")]
    [InlineData("{ \"name\": \"x\", \"version\": \"1\", \"steps\": [{ \"id\": \"\\udc00\" }] }")]
    public void TextThatCannotBeReadIsReportedAsAProblem(string json)
    {
        var result = DefinitionLoader.TryLoad(json);

        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void NestingDeeperThanTheReaderAllowsIsReportedAsAProblem()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        var result = DefinitionLoader.TryLoad(json);

        ProblemAssert.Has(result, "$", "malformed JSON");
    }

    [Fact]
    public void ATextThatIsNotAnObjectIsReportedAsSuch()
    {
        var result = DefinitionLoader.TryLoad("[1, 2]");

        ProblemAssert.Has(result, "$", "expected an object, found an array");
    }

    [Fact]
    public void AValueOfTheWrongTypeIsReportedWithWhatWasFound()
    {
        var document = Sequential();
        document["version"] = 1;
        StepAt(document, 1)["pivot"] = "yes";

        var result = Load(document);

        ProblemAssert.Has(result, "$.version", "expected a string, found a number (1)");
        ProblemAssert.Has(result, "$.steps[1].pivot", "expected true or false", "\"yes\"");
    }

    [Fact]
    public void ParametersThatAreNotAnObjectAreOneProblemNotOnePerMissingParameter()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"] = "project=p";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].parameters",
            "expected an object of parameters, found a string \"project=p\"");
        Assert.Single(result.Problems);
    }

    [Fact]
    public void AMisspeltPropertyIsReportedWithTheLikelyIntendedName()
    {
        var document = Sequential();
        var step = StepAt(document, 0);
        step["timout"] = "1h";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].timout", "unknown property 'timout'",
            "did you mean 'timeout'?");
    }

    [Fact]
    public void MissingRequiredFieldsAreEachReported()
    {
        var document = Sequential();
        document.Remove("name");
        StepAt(document, 2).Remove("kind");

        var result = Load(document);

        ProblemAssert.Has(result, "$.name", "missing");
        ProblemAssert.Has(result, "$.steps[2].kind", "missing");
    }

    [Fact]
    public void ANameThatIsNotLowerCaseWithDashesIsRejected()
    {
        var document = Sequential();
        document["name"] = "My Pipeline";

        var result = Load(document);

        ProblemAssert.Has(result, "$.name", "lower-case letters", "\"My Pipeline\"");
    }

    [Fact]
    public void AnUnknownKindIsReportedWithTheKnownKinds()
    {
        var document = Sequential();
        StepAt(document, 1)["kind"] = "gcp.workflows";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[1].kind", "unknown step kind \"gcp.workflows\"",
            "did you mean 'gcp.workflow'?", "azureml.pipeline", "gcp.dataflow.flexTemplate",
            "gcp.dataflow.template");
    }

    [Fact]
    public void AMissingRequiredParameterIsReportedWithItsPurpose()
    {
        var document = Sequential();
        StepAt(document, 2)["parameters"]!.AsObject().Remove("workflow");

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[2].parameters.workflow",
            "missing", "gcp.workflow requires parameter 'workflow'", "Workflow id");
    }

    [Fact]
    public void AnUnknownParameterIsReportedWithTheAcceptedOnes()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["worklfow"] = "x";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].parameters.worklfow", "unknown parameter",
            "did you mean 'workflow'?", "project, location, workflow");
    }

    [Fact]
    public void AParameterOfTheWrongJsonTypeIsReported()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["labels"] = new JsonObject { ["team"] = 7 };
        StepAt(document, 1)["parameters"]!["location"] = true;

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].parameters.labels.team",
            "expected a string", "found a number (7)");
        ProblemAssert.Has(result, "$.steps[1].parameters.location",
            "expected a string, found true");
    }

    [Fact]
    public void AParameterThatIsExactlyOneTemplatePassesTheTypeCheck()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["labels"] = "{{input.labels}}";
        document["inputSchema"]!["properties"]!["labels"] = new JsonObject { ["type"] = "object" };

        var result = Load(document);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void AValueOutsideTheAllowedOnesIsReportedWithTheAllowedOnes()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["callLogLevel"] = "LOG_EVERYTHING";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].parameters.callLogLevel",
            "expected one of CALL_LOG_LEVEL_UNSPECIFIED, LOG_ALL_CALLS", "\"LOG_EVERYTHING\"");
    }

    [Fact]
    public void ADuplicateStepIdNamesTheStepThatHasItAlready()
    {
        var document = Sequential();
        StepAt(document, 2)["id"] = "a";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[2].id", "duplicate step id 'a'", "$.steps[0]");
    }

    [Fact]
    public void DependingOnAnUnknownStepIsReportedWithTheKnownSteps()
    {
        var document = Sequential();
        StepAt(document, 2)["dependsOn"] = new JsonArray("a", "bb");

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[2].dependsOn[1]", "no step has id 'bb'",
            "did you mean 'b'?", "steps: a, b, c");
    }

    [Fact]
    public void DependingOnItselfIsReported()
    {
        var document = Sequential();
        StepAt(document, 1)["dependsOn"] = new JsonArray("b");

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[1].dependsOn[0]", "cannot depend on itself");
    }

    [Fact]
    public void ACycleIsReportedWithTheStepsInIt()
    {
        var document = Sequential();
        StepAt(document, 0)["dependsOn"] = new JsonArray("c");

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].dependsOn", "cycle", "a → c → b → a");
    }

    [Fact]
    public void ATemplateReadingAStepThatDoesNotRunBeforeIsReported()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["argument"] = "{{steps.c.output.uri}}";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].parameters.argument",
            "{{steps.c.output.uri}} reads step 'c', which does not run before step 'a'");
    }

    [Fact]
    public void ATemplateMayReadAStepThatRunsBeforeThroughOtherSteps()
    {
        var document = Sequential();
        StepAt(document, 2)["parameters"]!["argument"] = new JsonObject
        {
            ["first"] = "{{steps.a.output.uri}}",
            ["id"] = "{{ steps.b.remoteId }}",
        };

        var result = Load(document);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void AStepCannotReadItsOwnResultButItsCompensationCan()
    {
        var document = Sequential();
        StepAt(document, 1)["parameters"]!["argument"] = "{{steps.b.output.uri}}";
        StepAt(document, 2)["compensate"]!["parameters"]!["argument"] = "{{steps.c.output.uri}}";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[1].parameters.argument", "the step's own result");
        Assert.DoesNotContain(result.Problems, p => p.Path.StartsWith("$.steps[2]"));
    }

    [Fact]
    public void ATemplateWithAnUnknownRootIsReported()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["argument"] = "{{env.HOME}}";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].parameters.argument",
            "{{env.HOME}} starts with 'env'; expected input, steps or transaction");
    }

    [Fact]
    public void ATemplateReadingAnUndeclaredInputIsReported()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["argument"] = "gs://{{input.projet}}/x";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].parameters.argument",
            "reads input 'projet', which inputSchema does not declare", "did you mean 'project'?");
    }

    [Fact]
    public void AnUnclosedTemplateIsReported()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["argument"] = "gs://{{input.project/x";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].parameters.argument", "never closed");
    }

    [Fact]
    public void ATemplateNamingNothingUnderTransactionIsReported()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["argument"] = "{{transaction.owner}}";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].parameters.argument",
            "expected transaction.id or transaction.name");
    }

    [Fact]
    public void AzureMlBindingExpressionsAreNotTemplates()
    {
        var document = Sequential();
        StepAt(document, 0)["parameters"]!["argument"] = "${{parent.inputs.data}}";

        var result = Load(document);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void MoreThanOnePivotIsReported()
    {
        var document = Sequential();
        StepAt(document, 1)["pivot"] = true;
        StepAt(document, 2)["pivot"] = true;

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[2].pivot", "only one step may be the pivot", "'b'");
    }

    [Fact]
    public void APivotWithABadIdIsReportedWithoutGuessingWhichStepsFollowIt()
    {
        var document = Sequential();
        StepAt(document, 1)["pivot"] = true;
        StepAt(document, 1)["id"] = "B!";
        StepAt(document, 2).Remove("compensate");

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[1].id", "found \"B!\"");
        Assert.Single(result.Problems);
    }

    [Fact]
    public void AStepThatCannotBeUndoneMustRunAfterThePivot()
    {
        var document = Sequential();
        StepAt(document, 1)["pivot"] = true;
        StepAt(document, 1).Remove("compensate");
        StepAt(document, 2).Remove("compensate");
        StepAt(document, 0).Remove("compensate");

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].compensate", "missing",
            "does not run after the pivot 'b'");
        Assert.Single(result.Problems);
    }

    [Fact]
    public void AStepParallelToThePivotMustBeCompensable()
    {
        var document = Sequential();
        StepAt(document, 1)["pivot"] = true;
        StepAt(document, 2)["dependsOn"] = new JsonArray("a");
        StepAt(document, 2).Remove("compensate");

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[2].compensate", "does not run after the pivot 'b'");
    }

    [Fact]
    public void WithoutAPivotEveryStepMustBeCompensable()
    {
        var document = Sequential();
        StepAt(document, 2).Remove("compensate");

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[2].compensate", "missing", "no pivot",
            "{ \"kind\": \"none\" }");
    }

    [Fact]
    public void ACompensationOfKindNoneTakesNoParameters()
    {
        var document = Sequential();
        StepAt(document, 0)["compensate"] = new JsonObject
        {
            ["kind"] = "none",
            ["parameters"] = new JsonObject(),
        };

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].compensate.parameters", "takes no parameters");
    }

    [Theory]
    [InlineData("2 hours", "expected a duration such as")]
    [InlineData("0s", "longer than zero")]
    [InlineData("99999d", "at most 3650d")]
    [InlineData("١h", "expected a duration such as")]
    public void ABadDurationIsReported(string duration, string message)
    {
        var document = Sequential();
        StepAt(document, 0)["timeout"] = duration;

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].timeout", message);
    }

    [Fact]
    public void FewerThanOneAttemptIsReported()
    {
        var document = Sequential();
        StepAt(document, 0)["retry"] = new JsonObject { ["maxAttempts"] = 0 };

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].retry.maxAttempts",
            "expected a whole number of at least 1, found a number (0)");
    }

    [Fact]
    public void AnInitialIntervalLongerThanTheMaximumIsReported()
    {
        var document = Sequential();
        StepAt(document, 0)["retry"] = new JsonObject { ["initialInterval"] = "10m" };

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].retry.initialInterval",
            "at most maxInterval (5m, the default), found 10m");
    }

    [Fact]
    public void AnEmptyStepListIsReported()
    {
        var document = Sequential();
        document["steps"] = new JsonArray();

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps", "expected at least one step");
    }

    [Fact]
    public void DrainingIsOnlyForDataflowKinds()
    {
        var document = Sequential();
        StepAt(document, 0)["onCancel"] = "drain";

        var result = Load(document);

        ProblemAssert.Has(result, "$.steps[0].onCancel", "only Dataflow jobs can drain",
            "gcp.workflow");
    }

    [Fact]
    public void ADataflowStepMayDrain()
    {
        var document = Sequential();
        StepAt(document, 0)["kind"] = "gcp.dataflow.template";
        StepAt(document, 0)["parameters"] = new JsonObject
        {
            ["project"] = "p",
            ["location"] = "l",
            ["gcsPath"] = "gs://b/t",
        };
        StepAt(document, 0)["onCancel"] = "drain";

        var definition = DefinitionLoader.Load(document.ToJsonString());

        Assert.Equal(StopMode.Drain, definition.Steps[0].OnCancel);
    }

    [Fact]
    public void RepeatedPropertiesAreReported()
    {
        const string json = """
            { "name": "x", "name": "y", "version": "1", "steps": [] }
            """;

        var result = DefinitionLoader.TryLoad(json);

        ProblemAssert.Has(result, "$.name", "appears more than once");
    }

    [Fact]
    public void EveryProblemOfADocumentIsReportedAtOnce()
    {
        var document = Sequential();
        document["name"] = "Bad Name";
        document["extra"] = 1;
        StepAt(document, 0)["kind"] = "gcp.unknown";
        StepAt(document, 1)["timeout"] = "soon";
        StepAt(document, 1)["parameters"]!["callLogLevel"] = "LOUD";
        StepAt(document, 2)["dependsOn"] = new JsonArray("zzz");
        StepAt(document, 2)["retry"] = new JsonObject { ["maxAttempts"] = -1 };

        var result = Load(document);

        Assert.False(result.IsValid);
        ProblemAssert.Has(result.Problems, "$.name", "lower-case");
        ProblemAssert.Has(result.Problems, "$.extra", "unknown property");
        ProblemAssert.Has(result.Problems, "$.steps[0].kind", "unknown step kind");
        ProblemAssert.Has(result.Problems, "$.steps[1].timeout", "duration");
        ProblemAssert.Has(result.Problems, "$.steps[1].parameters.callLogLevel", "\"LOUD\"");
        ProblemAssert.Has(result.Problems, "$.steps[2].dependsOn[0]", "'zzz'");
        ProblemAssert.Has(result.Problems, "$.steps[2].retry.maxAttempts", "at least 1");
    }

    [Fact]
    public void LoadThrowsAnExceptionWhoseMessageListsEveryProblem()
    {
        var document = Sequential();
        document["version"] = 2;
        StepAt(document, 0)["pivot"] = 1;

        var error = Assert.Throws<InvalidDefinitionException>(
            () => DefinitionLoader.Load(document.ToJsonString()));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("$.version: expected a string", error.Message);
        Assert.Contains("$.steps[0].pivot: expected true or false", error.Message);
    }
}
