using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Configuration;
using SagaBridge.Activities.Credentials;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Rest;

/// <summary>
/// Sends REST calls to one cloud API with a bearer token, turns error answers into
/// <see cref="TransientRemoteException"/> or <see cref="PermanentRemoteException"/>, and retries
/// reads with exponential backoff and jitter, never waiting less than the server asked for.
/// </summary>
internal sealed class RemoteApiCaller
{
    private const int MaxServerMessageLength = 500;

    private static readonly HashSet<int> TransientStatuses = [408, 429, 499, 500, 502, 503, 504];

    private readonly HttpClient http;

    private readonly IAccessTokenSource tokens;

    private readonly RemoteCallRetryOptions retry;

    private readonly TimeProvider time;

    private readonly ILogger logger;

    public RemoteApiCaller(
        HttpClient http,
        IAccessTokenSource tokens,
        RemoteCallRetryOptions retry,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);

        if (http.BaseAddress is null)
        {
            throw new ArgumentException(
                "The HttpClient needs the API's base address.",
                nameof(http));
        }

        this.http = http;
        this.tokens = tokens;
        this.retry = retry;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Sends the call (reads up to <see cref="RemoteCallRetryOptions.MaxReadAttempts"/> times)
    /// and returns a success or a handled status.
    /// </summary>
    public async Task<RemoteResponse> SendAsync(
        RemoteCall call,
        CancellationToken cancellationToken)
    {
        var attempts = call.IsRead ? Math.Max(1, retry.MaxReadAttempts) : 1;

        for (var attempt = 1; ; attempt++)
        {
            RemoteWorkException failure;

            try
            {
                var response = await SendOnceAsync(call, cancellationToken);

                var handled = call.HandledStatuses?.Contains(response.StatusCode) == true;

                if (response.IsSuccess || handled)
                {
                    return response;
                }

                failure = Failure(call.Operation, response);
            }
            catch (Exception transport) when (transport is HttpRequestException or IOException)
            {
                failure = new TransientRemoteException(
                    $"{call.Operation} failed: the server could not be reached "
                        + $"({transport.Message})",
                    statusCode: null,
                    transport);
            }
            catch (OperationCanceledException timeout)
                when (!cancellationToken.IsCancellationRequested)
            {
                failure = new TransientRemoteException(
                    $"{call.Operation} failed: no answer within {http.Timeout.TotalSeconds:0.#} s",
                    statusCode: null,
                    timeout);
            }

            var delay = failure is TransientRemoteException transient && attempt < attempts
                ? NextDelay(attempt, transient.RetryAfter)
                : null;

            if (delay is null)
            {
                throw failure;
            }

            logger.RetryingRemoteRead(
                call.Operation,
                failure.StatusCode,
                attempt,
                (long)delay.Value.TotalMilliseconds);

            await Task.Delay(delay.Value, time, cancellationToken);
        }
    }

    /// <summary>The exception an error answer stands for.</summary>
    public static RemoteWorkException Failure(string operation, RemoteResponse response)
    {
        var error = response.Error;
        var status = error?.Status is null ? string.Empty : $" {error.Status}";
        var explanation = error?.Message is null
            ? "(no error message)"
            : Shorten(error.Message);

        var message = $"{operation} failed: HTTP {response.StatusCode}{status}: {explanation}";

        if (!TransientStatuses.Contains(response.StatusCode))
        {
            return new PermanentRemoteException(message, response.StatusCode);
        }

        return new TransientRemoteException(message, response.StatusCode)
        {
            RetryAfter = Longest(error?.RetryDelay, response.RetryAfter),
        };
    }

    private async Task<RemoteResponse> SendOnceAsync(
        RemoteCall call,
        CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken);

        using var request = new HttpRequestMessage(call.Method, call.Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        if (call.Body is not null)
        {
            // A string body carries Content-Length; some servers refuse chunked JSON.
            request.Content = new StringContent(
                JsonSerializer.Serialize(call.Body, call.Body.GetType(), RemoteJson.Options),
                Encoding.UTF8,
                "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        return new RemoteResponse((int)response.StatusCode, body, ReadRetryAfter(response));
    }

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;

        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>
    /// Exponential backoff with jitter, at least what the server asked for; null when the server
    /// asked for more than <see cref="RemoteCallRetryOptions.MaxDelay"/>, because such a wait
    /// belongs in a durable timer rather than in a blocked activity.
    /// </summary>
    private TimeSpan? NextDelay(int attempt, TimeSpan? serverDelay)
    {
        if (serverDelay > retry.MaxDelay)
        {
            return null;
        }

        var exponential = retry.InitialDelay * Math.Pow(2, attempt - 1);
        var capped = exponential < retry.MaxDelay ? exponential : retry.MaxDelay;

        // Half fixed, half random: spreads retries of many activities without ever collapsing
        // the wait to nothing.
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jittered = capped * (0.5 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394

        return Longest(jittered, serverDelay);
    }

    private static TimeSpan? Longest(TimeSpan? first, TimeSpan? second) =>
        first is null ? second
        : second is null ? first
        : first > second ? first : second;

    private static string Shorten(string text) =>
        text.Length <= MaxServerMessageLength ? text : text[..MaxServerMessageLength] + "…";
}
