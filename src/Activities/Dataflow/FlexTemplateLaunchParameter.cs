using System.Text.Json.Nodes;

namespace SagaBridge.Activities.Dataflow;

/// <summary>The <c>launchParameter</c> of a flex template launch.</summary>
/// <param name="JobName">The deterministic job name; the launch's only idempotency key.</param>
/// <param name="ContainerSpecGcsPath">gs:// path of the template spec.</param>
/// <param name="Parameters">Template parameters.</param>
/// <param name="LaunchOptions">Flex launch options.</param>
/// <param name="Environment">Runtime environment (workers, machine type, network, …).</param>
public sealed record FlexTemplateLaunchParameter(
    string JobName,
    string ContainerSpecGcsPath,
    IReadOnlyDictionary<string, string>? Parameters = null,
    IReadOnlyDictionary<string, string>? LaunchOptions = null,
    JsonObject? Environment = null);
