using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SagaBridge.FunctionApp.Http;
using SagaBridge.Transactions.Callbacks;

namespace SagaBridge.FunctionApp.Callbacks;

/// <summary>
/// The callback routes of the Function App; the behaviour is <see cref="CallbackApi"/>'s,
/// shared with the standalone host. Event Grid deliveries need the function key (in the
/// subscription's URL) and the shared secret header; step webhooks are anonymous because the
/// signed token in the URL is their credential.
/// </summary>
public sealed class CallbackEndpoints(
    IOptions<CallbackOptions> options,
    ILogger<CallbackApi> logger)
{
    [Function("ReceiveEventGridEvents")]
    public async Task<IActionResult> ReceiveEventGrid(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options",
            Route = "callbacks/eventgrid")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (HttpMethods.IsOptions(request.Method))
        {
            return CallbackApi
                .AllowWebhookOrigin(request.Headers["WebHook-Request-Origin"])
                .ToResult(request);
        }

        var response = await Api(client).ReceiveEventGridAsync(
            request.Headers[CallbackOptions.EventGridSecretHeader],
            await request.ReadBodyAsync(),
            request.HttpContext.RequestAborted);

        return response.ToResult(request);
    }

    [Function("CompleteStepByCallback")]
    public async Task<IActionResult> CompleteStep(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "callbacks/steps/{token}")]
        HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);

        var response = await Api(client).CompleteStepAsync(
            token,
            await request.ReadBodyAsync(),
            request.HttpContext.RequestAborted);

        return response.ToResult(request);
    }

    private CallbackApi Api(DurableTaskClient client) => new(client, options.Value, logger);
}
