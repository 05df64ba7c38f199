using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SagaBridge.Emulators.Http;

/// <summary>
/// Writes and reads JSON bodies exactly as built, without a serializer's naming policy.
/// </summary>
internal static class JsonAnswer
{
    public static async Task WriteAsync(HttpContext http, int statusCode, JsonNode body)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "application/json; charset=UTF-8";

        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }

    /// <summary>
    /// The request body as a JSON object, or null when it is empty or not an object.
    /// </summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext http)
    {
        try
        {
            var node = await JsonNode.ParseAsync(
                http.Request.Body,
                cancellationToken: http.RequestAborted);

            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A string value, or null when absent; throws when present with another type.
    /// </summary>
    public static string? String(JsonObject owner, string name, string path)
    {
        var node = owner[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        throw new WireFormatException(
            $"Invalid value at '{path}.{name}' (TYPE_STRING), {node.ToJsonString()}");
    }

    /// <summary>A map of strings; throws when a value is not a string.</summary>
    public static Dictionary<string, string> StringMap(JsonObject owner, string name, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = owner[name];
        if (node is null)
        {
            return map;
        }

        if (node is not JsonObject entries)
        {
            throw new WireFormatException(
                $"Invalid value at '{path}.{name}', expected an object of strings.");
        }

        foreach (var (key, _) in entries)
        {
            map[key] = String(entries, key, $"{path}.{name}") ?? string.Empty;
        }

        return map;
    }

    /// <summary>
    /// Throws, as Google's JSON front end does, for a field the message does not have.
    /// </summary>
    public static void RejectUnknownFields(
        JsonObject owner,
        string path,
        IReadOnlySet<string> known)
    {
        foreach (var (key, _) in owner)
        {
            if (!known.Contains(key))
            {
                throw new WireFormatException(
                    $"Invalid JSON payload received. Unknown name \"{key}\" at '{path}': "
                        + "Cannot find field.");
            }
        }
    }
}
