using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.FunctionApp.Http;

/// <summary>
/// The HTTP API of the Function App. Each function only adapts the request; the behaviour is
/// <see cref="TransactionApi"/>'s, shared with the standalone host. Function keys guard every
/// route.
/// </summary>
public sealed class TransactionEndpoints(DefinitionCatalog catalog)
{
    [Function("StartTransactionByName")]
    public async Task<IActionResult> StartByName(
        [HttpTrigger(
            AuthorizationLevel.Function,
            "post",
            Route = "definitions/{name}/transactions")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string name)
    {
        ArgumentNullException.ThrowIfNull(request);

        var api = new TransactionApi(client, catalog);
        var response = await api.StartByNameAsync(name, await request.ReadBodyAsync(), "api",
            request.HttpContext.RequestAborted);

        return response.ToResult(request);
    }

    [Function("StartTransaction")]
    public async Task<IActionResult> StartInline(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "transactions")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);

        var api = new TransactionApi(client, catalog);
        var response = await api.StartInlineAsync(await request.ReadBodyAsync(), "api",
            request.HttpContext.RequestAborted);

        return response.ToResult(request);
    }

    [Function("ListTransactions")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "transactions")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);

        var query = request.Query;
        var response = await new TransactionApi(client, catalog).ListAsync(
            query["state"],
            query["definition"],
            query["top"],
            query["continuationToken"],
            request.HttpContext.RequestAborted);

        return response.ToResult(request);
    }

    [Function("GetTransaction")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "transactions/{id}")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);

        var response = await new TransactionApi(client, catalog)
            .GetAsync(id, request.HttpContext.RequestAborted);

        return response.ToResult(request);
    }

    [Function("CancelTransaction")]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "transactions/{id}/cancel")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);

        var response = await new TransactionApi(client, catalog)
            .CancelAsync(id, await request.ReadBodyAsync(), request.HttpContext.RequestAborted);

        return response.ToResult(request);
    }

    [Function("RetryStep")]
    public async Task<IActionResult> Retry(
        [HttpTrigger(AuthorizationLevel.Function, "post",
            Route = "transactions/{id}/steps/{stepId}/retry")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string stepId)
    {
        ArgumentNullException.ThrowIfNull(request);

        var response = await new TransactionApi(client, catalog).DecideAsync(
            id, stepId, OperatorAction.Retry, request.HttpContext.RequestAborted);

        return response.ToResult(request);
    }

    [Function("SkipStep")]
    public async Task<IActionResult> Skip(
        [HttpTrigger(AuthorizationLevel.Function, "post",
            Route = "transactions/{id}/steps/{stepId}/skip")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string stepId)
    {
        ArgumentNullException.ThrowIfNull(request);

        var response = await new TransactionApi(client, catalog).DecideAsync(
            id, stepId, OperatorAction.Skip, request.HttpContext.RequestAborted);

        return response.ToResult(request);
    }

    [Function("ListDefinitions")]
    public IActionResult ListDefinitions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "definitions")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);

        return new TransactionApi(client, catalog).ListDefinitions().ToResult(request);
    }
}
