using SagaBridge.Activities.Rest;

namespace SagaBridge.Activities.Workflows;

/// <summary>A deployed Cloud Workflow: <c>projects/{p}/locations/{l}/workflows/{w}</c>.</summary>
public sealed record WorkflowResource(string Project, string Location, string Workflow)
{
    /// <summary>The resource name, unescaped.</summary>
    public string Name => $"projects/{Project}/locations/{Location}/workflows/{Workflow}";

    internal string Path => RestPath.Join("projects", Project, "locations", Location, "workflows",
        Workflow);

    public override string ToString() => Name;
}
