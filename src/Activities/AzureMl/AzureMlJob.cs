using System.Text.Json.Nodes;

namespace SagaBridge.Activities.AzureMl;

/// <summary>An Azure Machine Learning job resource as ARM returns it.</summary>
/// <param name="Id">The ARM id.</param>
/// <param name="Name">The job name (chosen by the client).</param>
/// <param name="Properties">The job's properties: jobType, status, jobs, inputs, outputs, …</param>
public sealed record AzureMlJob(string? Id, string? Name, JsonObject? Properties)
{
    /// <summary>
    /// <c>properties.status</c>: NotStarted, Starting, Preparing, Queued, Running, Finalizing,
    /// CancelRequested, Completed, Failed, Canceled, … ("Unknown" when absent).
    /// </summary>
    public string Status =>
        Properties?["status"] is JsonValue value && value.TryGetValue<string>(out var status)
            ? status
            : "Unknown";
}
