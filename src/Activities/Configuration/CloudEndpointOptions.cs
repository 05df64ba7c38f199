namespace SagaBridge.Activities.Configuration;

/// <summary>
/// Where the cloud REST APIs live. The defaults are the public endpoints; point them at the
/// emulators for local runs and tests. Every base URL must end with a slash.
/// </summary>
public sealed class CloudEndpointOptions
{
    /// <summary>Cloud Workflows Executions API; paths below it start with <c>v1/</c>.</summary>
    public Uri WorkflowsBaseUrl { get; set; } = new("https://workflowexecutions.googleapis.com/");

    /// <summary>Dataflow API; paths below it start with <c>v1b3/</c>.</summary>
    public Uri DataflowBaseUrl { get; set; } = new("https://dataflow.googleapis.com/");

    /// <summary>Azure Resource Manager, which serves the Azure Machine Learning jobs API.</summary>
    public Uri AzureManagementBaseUrl { get; set; } = new("https://management.azure.com/");

    /// <summary>The <c>api-version</c> sent with every Azure Machine Learning call.</summary>
    public string AzureMlApiVersion { get; set; } = "2024-04-01";

    /// <summary>How long one HTTP call may take before it counts as a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
