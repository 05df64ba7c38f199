using Microsoft.AspNetCore.Http;

namespace SagaBridge.Emulators.Http;

/// <summary>
/// What every cloud request meets before its API: the bearer token check, injected faults, and
/// (for ARM) the api-version check. The control endpoint under <c>/_emulator/</c> is not gated.
/// </summary>
internal sealed class CloudRequestGate(EmulatorContext context)
{
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        var google = path.StartsWith("/v1/", StringComparison.Ordinal)
            || path.StartsWith("/v1b3/", StringComparison.Ordinal);
        var arm = path.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase);
        if (!google && !arm)
        {
            await next(http);
            return;
        }

        if (!HasBearer(http))
        {
            await (google
                ? GoogleErrors.UnauthenticatedAsync(http)
                : ArmErrors.UnauthenticatedAsync(http));
            return;
        }

        var fault = context.Faults.Take(path + http.Request.QueryString);
        if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            if (!await WaitAsync(delay, http.RequestAborted))
            {
                return;
            }
        }
        else if (fault is not null)
        {
            context.Logger.FaultInjected(fault.StatusCode, http.Request.Method, path);
            await (google
                ? GoogleErrors.WriteAsync(
                    http,
                    fault.StatusCode,
                    GoogleErrors.StatusOf(fault.StatusCode),
                    "The service is temporarily unable to answer; retry later.",
                    fault.RetryDelay)
                : ArmErrors.ThrottledAsync(http, fault.StatusCode, fault.RetryDelay));
            return;
        }

        if (arm && string.IsNullOrEmpty(http.Request.Query["api-version"]))
        {
            await ArmErrors.MissingApiVersionAsync(http);
            return;
        }

        await next(http);
    }

    // False when the client went away while the answer was held back.
    private static async Task<bool> WaitAsync(TimeSpan delay, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(delay, aborted);

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool HasBearer(HttpContext http)
    {
        var value = (string?)http.Request.Headers.Authorization;

        return value is not null
            && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && value.Length > "Bearer ".Length
            && !string.IsNullOrWhiteSpace(value["Bearer ".Length..]);
    }
}
