using System.Text.Json;
using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>Says what was found, for messages of the form "expected …, found …".</summary>
internal static class JsonDescription
{
    private const int LongestQuote = 40;

    public static string Of(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string " + Quote(element.GetString() ?? string.Empty),
        JsonValueKind.Number => "a number (" + Shorten(element.GetRawText()) + ")",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    public static string Of(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string " + Quote(value.GetValue<string>()),
            JsonValueKind.Number => "a number (" + Shorten(value.ToJsonString()) + ")",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "null",
        },
        _ => "a value",
    };

    public static string Quote(string text) => "\"" + Shorten(text) + "\"";

    private static string Shorten(string text) =>
        text.Length <= LongestQuote ? text : text[..LongestQuote] + "…";
}
