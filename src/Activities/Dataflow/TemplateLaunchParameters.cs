using System.Text.Json.Nodes;

namespace SagaBridge.Activities.Dataflow;

/// <summary>The body of a classic template launch (the gs:// path travels in the query).</summary>
/// <param name="JobName">The deterministic job name; the launch's only idempotency key.</param>
/// <param name="Parameters">Template parameters.</param>
/// <param name="Environment">Runtime environment.</param>
public sealed record TemplateLaunchParameters(
    string JobName,
    IReadOnlyDictionary<string, string>? Parameters = null,
    JsonObject? Environment = null);
