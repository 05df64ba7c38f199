using System.Text.Json.Serialization;

namespace SagaBridge.Standalone.Http;

/// <summary>One step of a <see cref="StepGraph"/>.</summary>
internal sealed record StepGraphNode(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("dependsOn")] IReadOnlyList<string> DependsOn,
    [property: JsonPropertyName("stage")] int Stage,
    [property: JsonPropertyName("pivot")] bool Pivot,
    [property: JsonPropertyName("compensable")] bool Compensable);
