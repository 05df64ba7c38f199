using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Standalone.Http;

/// <summary>
/// The web dashboard: static files embedded in this assembly, and the one piece of data the
/// API does not give, the step graph of a transaction's definition snapshot.
/// </summary>
internal sealed class DashboardEndpoints(DurableTaskClient client)
{
    /// <summary>Dashboard data routes; guarded by the API key like the API.</summary>
    public const string DataPrefix = "/dashboard/data";

    private static readonly Dictionary<string, (string Resource, string ContentType)> Files =
        new(StringComparer.Ordinal)
        {
            ["/"] = ("index.html", "text/html; charset=utf-8"),
            ["/dashboard/app.js"] = ("app.js", "text/javascript; charset=utf-8"),
            ["/dashboard/app.css"] = ("app.css", "text/css; charset=utf-8"),
        };

    public void Map(IEndpointRouteBuilder routes)
    {
        foreach (var (path, file) in Files)
        {
            routes.MapMethods(
                path,
                ["GET"],
                http => ServeAsync(http, file.Resource, file.ContentType));
        }

        routes.MapMethods(DataPrefix + "/transactions/{id}/graph", ["GET"],
            (RequestDelegate)GraphAsync);
    }

    private static async Task ServeAsync(HttpContext http, string resource, string contentType)
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        await using var stream = assembly.GetManifestResourceStream(ResourceName(resource))
            ?? throw new InvalidOperationException(
                $"The dashboard file '{resource}' is not embedded in {assembly.GetName().Name}.");

        http.Response.ContentType = contentType;
        http.Response.Headers.CacheControl = "no-cache";
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    private async Task GraphAsync(HttpContext http)
    {
        var id = http.GetRouteValue("id") as string ?? "";
        var metadata = TransactionApi.IsValidId(id)
            ? await client.GetInstanceAsync(id, getInputsAndOutputs: true, http.RequestAborted)
            : null;
        var start = metadata?.ReadInputAs<TransactionStart>();
        if (start is null)
        {
            await HttpAnswers.WriteProblemAsync(http,
                ProblemDetails.NotFound($"No transaction has id '{id}'."));

            return;
        }

        // The snapshot the transaction started with, not today's file: that is what it runs.
        var load = DefinitionLoader.TryLoad(start.DefinitionJson);
        if (load.Definition is not { } definition)
        {
            await HttpAnswers.WriteProblemAsync(http, ProblemDetails.Conflict(
                $"Transaction '{id}' carries a definition that no longer loads."));

            return;
        }

        await HttpAnswers.WriteAsync(http, ApiResponse.Json(200, StepGraph.Of(definition)));
    }

    private static string ResourceName(string file) =>
        typeof(DashboardEndpoints).Namespace + ".Dashboard." + file;
}
