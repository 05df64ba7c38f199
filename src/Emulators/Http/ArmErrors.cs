using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SagaBridge.Emulators.Http;

/// <summary>Azure Resource Manager error answers.</summary>
internal static class ArmErrors
{
    public static Task WriteAsync(
        HttpContext http,
        int statusCode,
        string code,
        string message,
        string? target = null)
    {
        var error = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["target"] = target,
            ["details"] = new JsonArray(),
        };

        return JsonAnswer.WriteAsync(http, statusCode, new JsonObject { ["error"] = error });
    }

    public static Task UnauthenticatedAsync(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate =
            "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", "
            + "error=\"invalid_token\"";

        return WriteAsync(
            http,
            StatusCodes.Status401Unauthorized,
            "AuthenticationFailed",
            "Authentication failed. The 'Authorization' header is missing.");
    }

    public static Task MissingApiVersionAsync(HttpContext http) =>
        WriteAsync(
            http,
            StatusCodes.Status400BadRequest,
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.");

    public static Task NotFoundAsync(HttpContext http, string resourceId) =>
        WriteAsync(
            http,
            StatusCodes.Status404NotFound,
            "ResourceNotFound",
            $"The Resource '{resourceId}' was not found.");

    public static Task ForbiddenAsync(HttpContext http, string resourceId) =>
        WriteAsync(
            http,
            StatusCodes.Status403Forbidden,
            "AuthorizationFailed",
            $"The client does not have authorization to perform action over scope '{resourceId}'.");

    public static Task ThrottledAsync(HttpContext http, int statusCode, TimeSpan retryDelay)
    {
        http.Response.Headers.RetryAfter = WireFormat.RetryAfterSeconds(retryDelay);
        var code = statusCode == StatusCodes.Status429TooManyRequests
            ? "TooManyRequests"
            : "ServiceUnavailable";

        return WriteAsync(http, statusCode, code, "The request is throttled; retry later.");
    }
}
