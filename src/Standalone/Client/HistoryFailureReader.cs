using System.Text.Json;
using Microsoft.DurableTask;

namespace SagaBridge.Standalone.Client;

/// <summary>
/// Reads the failure details of a failed execution out of its history, as the Durable Task
/// Framework's service client returns it (a JSON array of history events).
/// </summary>
/// <remarks>
/// The Azure Storage instance table keeps only a failure's text; the structured details
/// (type, message, stack, inner failure) survive in the ExecutionCompleted history event.
/// </remarks>
internal static class HistoryFailureReader
{
    private const int ExecutionCompletedEventType = 1;

    public static TaskFailureDetails? Read(string? historyJson)
    {
        if (string.IsNullOrWhiteSpace(historyJson))
        {
            return null;
        }

        using var history = JsonDocument.Parse(historyJson);
        if (history.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var historyEvent in history.RootElement.EnumerateArray().Reverse())
        {
            if (historyEvent.TryGetProperty("EventType", out var type)
                && type.ValueKind == JsonValueKind.Number
                && type.GetInt32() == ExecutionCompletedEventType
                && historyEvent.TryGetProperty("FailureDetails", out var failure))
            {
                return ToDetails(failure);
            }
        }

        return null;
    }

    private static TaskFailureDetails? ToDetails(JsonElement failure)
    {
        if (failure.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new TaskFailureDetails(
            Text(failure, "ErrorType") ?? "unknown",
            Text(failure, "ErrorMessage") ?? string.Empty,
            Text(failure, "StackTrace"),
            failure.TryGetProperty("InnerFailure", out var inner) ? ToDetails(inner) : null,
            Properties(failure));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static Dictionary<string, object?>? Properties(JsonElement failure)
    {
        if (!failure.TryGetProperty("Properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return properties.EnumerateObject().ToDictionary(
            property => property.Name,
            property => property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.TryGetInt64(out var whole)
                    ? whole
                    : property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                _ => (object?)property.Value.GetRawText(),
            },
            StringComparer.Ordinal);
    }
}
