using System.Globalization;
using System.Text.Json;

namespace SagaBridge.Activities.Rest;

/// <summary>
/// What an error answer says, read from either dialect: Google's AIP-193
/// <c>{"error":{"code":403,"status":"PERMISSION_DENIED","message":…,"details":[…]}}</c> or
/// Azure Resource Manager's <c>{"error":{"code":"AuthorizationFailed","message":…}}</c>.
/// </summary>
/// <param name="Status">Google's canonical status or Azure's error code, when given.</param>
/// <param name="Message">The server's explanation, when given.</param>
/// <param name="RetryDelay">Google's <c>RetryInfo.retryDelay</c>, when given.</param>
internal sealed record RemoteErrorBody(string? Status, string? Message, TimeSpan? RetryDelay)
{
    private const string RetryInfoType = "type.googleapis.com/google.rpc.RetryInfo";

    public static RemoteErrorBody? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);

            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new RemoteErrorBody(ReadStatus(error), ReadString(error, "message"),
                ReadRetryDelay(error));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a protobuf JSON duration such as <c>"30s"</c> or <c>"0.250s"</c>.</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (text is null || !text.EndsWith('s'))
        {
            return null;
        }

        return double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float,
                CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private static string? ReadStatus(JsonElement error)
    {
        // Google puts the canonical name in "status" and a number in "code"; Azure puts its
        // symbolic name in "code".
        var status = ReadString(error, "status");

        if (status is not null)
        {
            return status;
        }

        return error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;
    }

    private static string? ReadString(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static TimeSpan? ReadRetryDelay(JsonElement error)
    {
        if (!error.TryGetProperty("details", out var details)
            || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind == JsonValueKind.Object
                && ReadString(detail, "@type") == RetryInfoType)
            {
                return ParseDuration(ReadString(detail, "retryDelay"));
            }
        }

        return null;
    }
}
