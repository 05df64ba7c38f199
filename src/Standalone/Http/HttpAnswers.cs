using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SagaBridge.Transactions.Api;

namespace SagaBridge.Standalone.Http;

/// <summary>Reads request bodies and writes host-neutral answers like the Function App.</summary>
internal static class HttpAnswers
{
    public static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);

        return await reader.ReadToEndAsync(http.RequestAborted);
    }

    public static async Task WriteAsync(HttpContext http, ApiResponse response)
    {
        http.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            http.Response.Headers[name] = value;
        }

        if (response.Body is null)
        {
            return;
        }

        http.Response.ContentType = response.ContentType;
        await http.Response.WriteAsync(
            JsonSerializer.Serialize(response.Body, response.Body.GetType(), ApiJson.Options),
            http.RequestAborted);
    }

    public static Task WriteProblemAsync(HttpContext http, ProblemDetails problem) =>
        WriteAsync(http, ApiResponse.Problem(problem));
}
