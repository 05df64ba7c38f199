using YamlDotNet.RepresentationModel;

namespace SagaBridge.Tests.Infra;

public sealed class WorkflowSourceTests
{
    public static TheoryData<string> YamlFiles()
    {
        var folder = RepositoryFiles.PathOf("infra", "gcp");
        var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal)
                || path.EndsWith(".yml", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path))
            .Order();

        return [.. files];
    }

    public static TheoryData<string> Workflows() => [.. WorkflowSource.Names];

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void EveryYamlFileUnderInfraGcpParses(string relativePath)
    {
        var root = WorkflowSource.Parse(Path.Combine(RepositoryFiles.Root, relativePath));

        Assert.IsType<YamlMappingNode>(root);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void EveryWorkflowHasAMainThatTakesTheArgument(string workflow)
    {
        var source = WorkflowSource.Load(workflow);

        var main = Assert.IsType<YamlMappingNode>(source.Root["main"]);
        var parameters = Assert.IsType<YamlSequenceNode>(main["params"]);

        Assert.Equal("args", Assert.IsType<YamlScalarNode>(Assert.Single(parameters)).Value);
        Assert.IsType<YamlSequenceNode>(main["steps"]);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void EveryWorkflowPostsItsOutcomeToTheCallbackUrlWhenGiven(string workflow)
    {
        var source = WorkflowSource.Load(workflow);

        var callbackPosts = source.Entries("call")
            .Where(entry => entry.Value is YamlScalarNode { Value: "http.post" })
            .Select(entry => entry.Mapping["args"])
            .OfType<YamlMappingNode>()
            .Where(arguments => arguments.Children.TryGetValue("url", out var url)
                && url is YamlScalarNode { Value: "${args.sagabridgeCallbackUrl}" });
        var statuses = source.Entries("status")
            .Select(entry => (entry.Value as YamlScalarNode)?.Value);
        var guarded = source.Entries("condition")
            .Any(entry => entry.Value is YamlScalarNode { Value: var condition }
                && condition!.Contains(
                    "\"sagabridgeCallbackUrl\" in args",
                    StringComparison.Ordinal));

        Assert.Single(callbackPosts);
        Assert.Contains("succeeded", statuses);
        Assert.Contains("failed", statuses);
        Assert.True(guarded, $"{workflow} must skip the callback when no URL was passed.");
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void EveryWorkflowReportsAFailureBeforeRaisingIt(string workflow)
    {
        var source = WorkflowSource.Load(workflow);
        var main = (YamlMappingNode)source.Root["main"];

        var run = ((YamlSequenceNode)main["steps"]).Children
            .OfType<YamlMappingNode>()
            .SelectMany(step => step.Children.Values)
            .OfType<YamlMappingNode>()
            .Single(body => body.Children.ContainsKey("try"));
        var handler = (YamlMappingNode)run["except"];
        var handlerText = string.Join(' ', handler.AllNodes.OfType<YamlScalarNode>()
            .Select(scalar => scalar.Value));

        Assert.Contains("report_completion", handlerText, StringComparison.Ordinal);
        Assert.Contains("failed", handlerText, StringComparison.Ordinal);
        Assert.Contains("raise", handlerText, StringComparison.Ordinal);
    }
}
