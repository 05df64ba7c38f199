using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SagaBridge.Emulators.Http;

/// <summary>Google API error answers (AIP-193 bodies).</summary>
internal static class GoogleErrors
{
    private const string RetryInfoType = "type.googleapis.com/google.rpc.RetryInfo";

    public static Task WriteAsync(
        HttpContext http,
        int code,
        string status,
        string message,
        TimeSpan? retryDelay = null)
    {
        var details = new JsonArray();
        if (retryDelay is { } delay)
        {
            details.Add(new JsonObject
            {
                ["@type"] = RetryInfoType,
                ["retryDelay"] = WireFormat.Duration(delay),
            });
            http.Response.Headers.RetryAfter = WireFormat.RetryAfterSeconds(delay);
        }

        var error = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["status"] = status,
        };
        if (details.Count > 0)
        {
            error["details"] = details;
        }

        return JsonAnswer.WriteAsync(http, code, new JsonObject { ["error"] = error });
    }

    public static Task InvalidArgumentAsync(HttpContext http, string message) =>
        WriteAsync(http, StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", message);

    public static Task FailedPreconditionAsync(HttpContext http, string message) =>
        WriteAsync(http, StatusCodes.Status400BadRequest, "FAILED_PRECONDITION", message);

    public static Task NotFoundAsync(HttpContext http, string message) =>
        WriteAsync(http, StatusCodes.Status404NotFound, "NOT_FOUND", message);

    public static Task PermissionDeniedAsync(HttpContext http, string resource) =>
        WriteAsync(
            http,
            StatusCodes.Status403Forbidden,
            "PERMISSION_DENIED",
            $"The caller does not have permission on '{resource}'.");

    public static Task UnauthenticatedAsync(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\"";

        return WriteAsync(
            http,
            StatusCodes.Status401Unauthorized,
            "UNAUTHENTICATED",
            "Request is missing required authentication credential. "
                + "Expected OAuth 2 access token, login cookie or other valid authentication "
                + "credential.");
    }

    /// <summary>The status name Google uses for a transient fault's HTTP code.</summary>
    public static string StatusOf(int code) => code switch
    {
        StatusCodes.Status429TooManyRequests => "RESOURCE_EXHAUSTED",
        StatusCodes.Status503ServiceUnavailable => "UNAVAILABLE",
        StatusCodes.Status504GatewayTimeout => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    };
}
