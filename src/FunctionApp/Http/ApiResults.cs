using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SagaBridge.Transactions.Api;

namespace SagaBridge.FunctionApp.Http;

/// <summary>Turns the host-neutral API answers into ASP.NET Core results.</summary>
internal static class ApiResults
{
    public static IActionResult ToResult(this ApiResponse response, HttpRequest request)
    {
        foreach (var (name, value) in response.Headers)
        {
            request.HttpContext.Response.Headers[name] = value;
        }

        return new ContentResult
        {
            StatusCode = response.Status,
            ContentType = response.ContentType,
            Content = response.Body is null
                ? null
                : JsonSerializer.Serialize(response.Body, response.Body.GetType(), ApiJson.Options),
        };
    }

    public static async Task<string> ReadBodyAsync(this HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);

        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }
}
