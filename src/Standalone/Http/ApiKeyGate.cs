using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SagaBridge.Transactions.Api;

namespace SagaBridge.Standalone.Http;

/// <summary>
/// Lets API and dashboard-data requests through only with the configured key, taken from
/// <c>x-api-key</c>, <c>x-functions-key</c> or <c>?code=</c> like a Function App's key, so
/// the same scripts work against both. The dashboard's static files need no key: they hold no
/// data, and the page asks for the key itself. Signed step callbacks need none either: their
/// token is their credential.
/// </summary>
internal sealed class ApiKeyGate(string? key, bool required, ILogger logger)
{
    private readonly byte[] expected = Encoding.UTF8.GetBytes(key ?? "");

    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!required || !IsGuarded(http.Request.Path) || Matches(Presented(http.Request)))
        {
            return next(http);
        }

        logger.HttpKeyRejected(http.Request.Method, http.Request.Path.Value ?? "");

        return HttpAnswers.WriteProblemAsync(http, ProblemDetails.Unauthorized(
            "This host requires an API key: send it in the x-api-key or x-functions-key "
            + "header."));
    }

    private static bool IsGuarded(PathString path) =>
        (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments(
                TransactionHttpHost.StepCallbackPrefix,
                StringComparison.OrdinalIgnoreCase))
        || path.StartsWithSegments(
            DashboardEndpoints.DataPrefix,
            StringComparison.OrdinalIgnoreCase);

    private static string? Presented(HttpRequest request)
    {
        foreach (var header in new[] { "x-api-key", "x-functions-key" })
        {
            if (request.Headers.TryGetValue(header, out var value) && !string.IsNullOrEmpty(value))
            {
                return value.ToString();
            }
        }

        return request.Query.TryGetValue("code", out var code) ? code.ToString() : null;
    }

    // The comparison takes the same time however much of the key matches, so the answer
    // time does not reveal it.
    private bool Matches(string? presented) =>
        presented is not null
        && expected.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
}
