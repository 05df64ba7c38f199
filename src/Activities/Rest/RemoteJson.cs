using System.Text.Json;
using System.Text.Json.Serialization;

namespace SagaBridge.Activities.Rest;

/// <summary>
/// JSON conventions shared by the Google and Azure REST APIs: lowerCamelCase, no nulls.
/// </summary>
internal static class RemoteJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
