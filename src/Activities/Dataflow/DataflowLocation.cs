using SagaBridge.Activities.Rest;

namespace SagaBridge.Activities.Dataflow;

/// <summary>
/// A project and regional endpoint of Dataflow; every call uses the regional form.
/// </summary>
public sealed record DataflowLocation(string Project, string Location)
{
    internal string Path => RestPath.Join("projects", Project, "locations", Location);

    /// <summary>The job's resource name, as SagaBridge handles carry it.</summary>
    public string JobName(string jobId) => $"projects/{Project}/locations/{Location}/jobs/{jobId}";

    public override string ToString() => $"projects/{Project}/locations/{Location}";
}
