using System.Text.Json.Nodes;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Tests.Definitions;

public sealed class InputValidatorTests
{
    private static readonly TransactionDefinition Definition = Load(closed: false);

    [Fact]
    public void AnInputThatFitsTheSchemaHasNoProblems()
    {
        var input = JsonNode.Parse("""{ "project": "p", "size": 4, "other": [1] }""");

        var problems = InputValidator.Validate(Definition, input);

        Assert.Empty(problems);
    }

    [Fact]
    public void AMissingRequiredInputIsReportedAtItsPath()
    {
        var input = JsonNode.Parse("""{ "size": 4 }""");

        var problems = InputValidator.Validate(Definition, input);

        ProblemAssert.Has(problems, "$.input.project", "missing", "requires input 'project'",
            "a string");
    }

    [Fact]
    public void NoInputAtAllCountsAsAnEmptyObject()
    {
        var problems = InputValidator.Validate(Definition, null);

        ProblemAssert.Has(problems, "$.input.project", "missing");
        Assert.Single(problems);
    }

    [Fact]
    public void AnInputOfTheWrongTypeIsReportedWithWhatWasFound()
    {
        var input = JsonNode.Parse("""{ "project": 12, "size": 1.5 }""");

        var problems = InputValidator.Validate(Definition, input);

        ProblemAssert.Has(problems, "$.input.project", "expected a string, found a number (12)");
        ProblemAssert.Has(problems, "$.input.size", "expected an integer, found a number (1.5)");
    }

    [Fact]
    public void AnInputThatIsNotAnObjectIsReported()
    {
        var problems = InputValidator.Validate(Definition, JsonValue.Create("p"));

        ProblemAssert.Has(problems, "$.input", "expected an object, found a string \"p\"");
    }

    [Fact]
    public void UndeclaredInputsAreRejectedOnlyWhenTheSchemaIsClosed()
    {
        var closed = Load(closed: true);
        var input = JsonNode.Parse("""{ "project": "p", "projet": "typo" }""");

        var problems = InputValidator.Validate(closed, input);

        ProblemAssert.Has(problems, "$.input.projet", "unknown input 'projet'",
            "did you mean 'project'?");
    }

    [Fact]
    public void ADefinitionWithoutInputSchemaAcceptsAnyInput()
    {
        var document = DefinitionDocuments.Sequential();
        document.Remove("inputSchema");
        var definition = DefinitionLoader.Load(document.ToJsonString());

        var problems = InputValidator.Validate(definition, JsonValue.Create(5));

        Assert.Empty(problems);
    }

    private static TransactionDefinition Load(bool closed)
    {
        var document = DefinitionDocuments.Sequential();
        if (closed)
        {
            document["inputSchema"]!["additionalProperties"] = false;
        }

        return DefinitionLoader.Load(document.ToJsonString());
    }
}
