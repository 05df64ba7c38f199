using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Standalone.Http;

/// <summary>
/// The Function App's routes, verbs and answers, mapped onto <see cref="TransactionApi"/>: each
/// handler only adapts the request, so both hosts behave the same.
/// </summary>
internal sealed class ApiEndpoints(TransactionApi api)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/api/definitions/{name}/transactions", ["POST"],
            (RequestDelegate)StartByNameAsync);
        routes.MapMethods("/api/transactions", ["POST"], (RequestDelegate)StartInlineAsync);
        routes.MapMethods("/api/transactions", ["GET"], (RequestDelegate)ListAsync);
        routes.MapMethods("/api/transactions/{id}", ["GET"], (RequestDelegate)GetAsync);
        routes.MapMethods("/api/transactions/{id}/cancel", ["POST"], (RequestDelegate)CancelAsync);
        routes.MapMethods("/api/transactions/{id}/steps/{stepId}/retry", ["POST"],
            http => DecideAsync(http, OperatorAction.Retry));
        routes.MapMethods("/api/transactions/{id}/steps/{stepId}/skip", ["POST"],
            http => DecideAsync(http, OperatorAction.Skip));
        routes.MapMethods("/api/definitions", ["GET"],
            http => HttpAnswers.WriteAsync(http, api.ListDefinitions()));
    }

    private async Task StartByNameAsync(HttpContext http)
    {
        var body = await HttpAnswers.ReadBodyAsync(http);
        var response = await api.StartByNameAsync(
            Route(http, "name"),
            body,
            "api",
            http.RequestAborted);

        await HttpAnswers.WriteAsync(http, response);
    }

    private async Task StartInlineAsync(HttpContext http)
    {
        var body = await HttpAnswers.ReadBodyAsync(http);
        var response = await api.StartInlineAsync(body, "api", http.RequestAborted);

        await HttpAnswers.WriteAsync(http, response);
    }

    private async Task ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var response = await api.ListAsync(
            query["state"],
            query["definition"],
            query["top"],
            query["continuationToken"],
            http.RequestAborted);

        await HttpAnswers.WriteAsync(http, response);
    }

    private async Task GetAsync(HttpContext http)
    {
        var response = await api.GetAsync(Route(http, "id"), http.RequestAborted);

        await HttpAnswers.WriteAsync(http, response);
    }

    private async Task CancelAsync(HttpContext http)
    {
        var body = await HttpAnswers.ReadBodyAsync(http);
        var response = await api.CancelAsync(Route(http, "id"), body, http.RequestAborted);

        await HttpAnswers.WriteAsync(http, response);
    }

    private async Task DecideAsync(HttpContext http, OperatorAction action)
    {
        var response = await api.DecideAsync(
            Route(http, "id"),
            Route(http, "stepId"),
            action,
            http.RequestAborted);

        await HttpAnswers.WriteAsync(http, response);
    }

    private static string Route(HttpContext http, string name) =>
        http.GetRouteValue(name) as string ?? "";
}
