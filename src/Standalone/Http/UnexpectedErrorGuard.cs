using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using SagaBridge.Transactions.Api;

namespace SagaBridge.Standalone.Http;

/// <summary>
/// Turns an unexpected exception into a 500 problem that carries only a correlation id; the
/// exception itself goes to the log under that id, never to the caller.
/// </summary>
internal sealed class UnexpectedErrorGuard(ILogger logger)
{
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (Exception failure)
        {
            var correlationId = Guid.NewGuid().ToString("N");
            logger.HttpRequestFailed(
                http.GetRouteValue("id") as string ?? "",
                http.GetRouteValue("stepId") as string ?? "",
                http.Request.Method,
                (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "",
                correlationId,
                failure);

            if (http.Response.HasStarted)
            {
                http.Abort();

                return;
            }

            http.Response.Clear();
            http.Response.Headers["x-correlation-id"] = correlationId;
            await HttpAnswers.WriteProblemAsync(http, new ProblemDetails(
                "https://sagabridge.dev/problems/internal-error",
                "The request failed unexpectedly.",
                StatusCodes.Status500InternalServerError,
                "Nothing in the request explains the failure; quote correlation id "
                + $"{correlationId} when you report it (the host's log has the details)."));
        }
    }
}
