namespace SagaBridge.Emulators.AzureMl;

/// <summary>Where a job lives: subscription, resource group, workspace and job name.</summary>
internal sealed record AzureMlJobAddress(
    string Subscription,
    string ResourceGroup,
    string Workspace,
    string Name)
{
    public string WorkspaceId =>
        $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}"
        + $"/providers/Microsoft.MachineLearningServices/workspaces/{Workspace}";

    public string ResourceId => $"{WorkspaceId}/jobs/{Name}";

    /// <summary>Key for lookups: ARM resource ids compare without regard to case.</summary>
    public string Key => ResourceId.ToUpperInvariant();
}
