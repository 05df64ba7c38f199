using SagaBridge.Activities.Rest;

namespace SagaBridge.Activities.AzureMl;

/// <summary>
/// An Azure Machine Learning workspace, addressed through Azure Resource Manager.
/// </summary>
public sealed record AzureMlWorkspace(string SubscriptionId, string ResourceGroup, string Workspace)
{
    /// <summary>The ARM id of job <paramref name="jobName"/> in this workspace.</summary>
    public string JobId(string jobName) =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/"
        + $"Microsoft.MachineLearningServices/workspaces/{Workspace}/jobs/{jobName}";

    /// <summary>The ARM id of the workspace, as the Azure ML studio expects it.</summary>
    public string Id =>
        $"/subscriptions/{SubscriptionId}/resourcegroups/{ResourceGroup}/workspaces/{Workspace}";

    internal string JobPath(string jobName) =>
        RestPath.Join("subscriptions", SubscriptionId, "resourceGroups", ResourceGroup,
            "providers", "Microsoft.MachineLearningServices", "workspaces", Workspace, "jobs",
            jobName);

    public override string ToString() => $"workspace {Workspace} in {ResourceGroup}";
}
