using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Tests.Definitions;

public sealed class DefinitionCatalogTests : IDisposable
{
    private readonly string folder =
        Directory.CreateTempSubdirectory("sagabridge-definitions-").FullName;

    [Fact]
    public void AFolderIsLoadedByDefinitionNameAndBadFilesKeepTheirProblems()
    {
        Write("good.json", DefinitionDocuments.Sequential().ToJsonString());
        File.Copy(
            DefinitionDocuments.ExamplePath("ai-pipeline.json"),
            Path.Combine(folder, "ai.json"));
        Write("broken.json", "{ \"name\": ");
        Write("notes.txt", "not a definition");
        Write("transaction-definition.schema.json", "{}");

        var catalog = DefinitionCatalog.LoadFolder(folder);

        Assert.Equal(["ai-pipeline", "three-steps"], catalog.Names);
        Assert.True(catalog.TryGet("three-steps", out var definition));
        Assert.Equal(3, definition.Steps.Count);
        Assert.False(catalog.TryGet("missing", out _));
        var problems = Assert.Single(catalog.Problems);
        Assert.Equal(Path.Combine(folder, "broken.json"), problems.Key);
        ProblemAssert.Has(problems.Value, "$", "malformed JSON");
    }

    [Fact]
    public void ASecondFileWithTheSameNameIsAProblemOfThatFile()
    {
        Write("a.json", DefinitionDocuments.Sequential().ToJsonString());
        Write("b.json", DefinitionDocuments.Sequential().ToJsonString());

        var catalog = DefinitionCatalog.LoadFolder(folder);

        Assert.Equal(["three-steps"], catalog.Names);
        ProblemAssert.Has(catalog.Problems[Path.Combine(folder, "b.json")], "$.name",
            "'three-steps' is already defined by a.json");
    }

    [Fact]
    public void AMissingFolderIsReportedAsSuch()
    {
        var missing = Path.Combine(folder, "nope");

        Assert.Throws<DirectoryNotFoundException>(() => DefinitionCatalog.LoadFolder(missing));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void Write(string name, string text) =>
        File.WriteAllText(Path.Combine(folder, name), text);
}
