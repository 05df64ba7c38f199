using YamlDotNet.RepresentationModel;

namespace SagaBridge.Tests.Infra;

/// <summary>One Cloud Workflows source file under infra/gcp/workflows, parsed.</summary>
internal sealed record WorkflowSource(string Name, YamlMappingNode Root)
{
    public static string Folder => RepositoryFiles.PathOf("infra", "gcp", "workflows");

    public static IReadOnlyList<string> Names =>
        [.. Directory.GetFiles(Folder, "*.yaml")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order()];

    public static WorkflowSource Load(string name) =>
        new(name, (YamlMappingNode)Parse(Path.Combine(Folder, name + ".yaml")));

    /// <summary>Parses a YAML file; YamlDotNet throws on any syntax error.</summary>
    public static YamlNode Parse(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);

        return stream.Documents.Single().RootNode;
    }

    /// <summary>Every node of the document, depth first.</summary>
    public IEnumerable<YamlNode> AllNodes() => Root.AllNodes;

    /// <summary>Every mapping that has <paramref name="key"/>, with that key's value.</summary>
    public IEnumerable<(YamlMappingNode Mapping, YamlNode Value)> Entries(string key) =>
        AllNodes()
            .OfType<YamlMappingNode>()
            .SelectMany(mapping => mapping.Children
                .Where(pair => pair.Key is YamlScalarNode { Value: var k } && k == key)
                .Select(pair => (mapping, pair.Value)));
}
