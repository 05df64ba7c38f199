using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SagaBridge.Emulators.Records;

namespace SagaBridge.Emulators.EventGrid;

/// <summary>
/// Posts event batches to the configured endpoint one after another, in the order published.
/// Without a configured endpoint events are dropped, as Event Grid drops events of a topic with
/// no subscription.
/// </summary>
internal sealed class EventGridPublisher : IAsyncDisposable
{
    private const int Attempts = 3;

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    private readonly Channel<PendingBatch> queue = Channel.CreateUnbounded<PendingBatch>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Lock gate = new();
    private readonly List<DeliveredEventRecord> delivered = [];
    private readonly ILogger logger;
    private readonly Task pump;
    private EventGridDelivery? delivery;

    public EventGridPublisher(ILogger logger)
    {
        this.logger = logger;
        pump = Task.Run(PumpAsync);
    }

    public IReadOnlyList<DeliveredEventRecord> Delivered
    {
        get
        {
            lock (gate)
            {
                return [.. delivered];
            }
        }
    }

    /// <summary>
    /// Sets (or, with null, removes) the delivery endpoint, after the validation handshake when
    /// the delivery asks for one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint failed the handshake.</exception>
    public async Task ConfigureAsync(EventGridDelivery? target, CancellationToken ct)
    {
        if (target is { ValidateSubscription: true })
        {
            await ValidateAsync(target, ct);
        }

        Volatile.Write(ref delivery, target);
        if (target is not null && logger.IsEnabled(LogLevel.Information))
        {
            // The query may carry a function key: only the path is logged.
            logger.EventGridConfigured(target.Endpoint.GetLeftPart(UriPartial.Path));
        }
    }

    /// <summary>Queues a batch; never blocks, so it may be called under a lock.</summary>
    public void Publish(JsonArray batch)
    {
        var target = Volatile.Read(ref delivery);
        if (target is null || batch.Count == 0)
        {
            return;
        }

        var summaries = batch.OfType<JsonObject>().Select(Summarize).ToArray();
        queue.Writer.TryWrite(new PendingBatch(target, batch.ToJsonString(), summaries));
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await pump;
        http.Dispose();
    }

    private async Task PumpAsync()
    {
        await foreach (var batch in queue.Reader.ReadAllAsync())
        {
            var status = await DeliverAsync(batch);
            lock (gate)
            {
                delivered.AddRange(batch.Events.Select(e => e with { HttpStatus = status }));
            }
        }
    }

    private async Task<int> DeliverAsync(PendingBatch batch)
    {
        var status = 0;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var request = Request(batch.Target, batch.Body, "Notification");
                using var response = await http.SendAsync(request);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return status;
                }
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            catch (TaskCanceledException)
            {
                status = 0;
            }

            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.EventDeliveryFailed(
                    batch.Target.Endpoint.GetLeftPart(UriPartial.Path),
                    attempt,
                    status);
            }

            await Task.Delay(RetryPause * attempt);
        }

        return status;
    }

    private async Task ValidateAsync(EventGridDelivery target, CancellationToken ct)
    {
        var code = Guid.NewGuid().ToString();
        var handshake = new JsonArray(new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["topic"] = "/subscriptions/00000000-0000-0000-0000-000000000000",
            ["subject"] = string.Empty,
            ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent",
            ["eventTime"] = Http.WireFormat.Timestamp(DateTimeOffset.UtcNow),
            ["data"] = new JsonObject
            {
                ["validationCode"] = code,
                ["validationUrl"] = null,
            },
            ["dataVersion"] = "2",
            ["metadataVersion"] = "1",
        });

        using var request = Request(target, handshake.ToJsonString(), "SubscriptionValidation");
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var answer = response.IsSuccessStatusCode ? TryParse(body) : null;
        if ((string?)answer?["validationResponse"] != code)
        {
            throw new InvalidOperationException(
                "The Event Grid endpoint did not answer the subscription validation: expected "
                + "200 with validationResponse = the validationCode, found "
                + $"{(int)response.StatusCode}.");
        }
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static HttpRequestMessage Request(EventGridDelivery target, string body, string kind)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("aeg-event-type", kind);
        if (target.SecretHeaderName is { Length: > 0 } header && target.Secret is not null)
        {
            request.Headers.TryAddWithoutValidation(header, target.Secret);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        return request;
    }

    private static DeliveredEventRecord Summarize(JsonObject item) =>
        new(
            (string?)item["id"] ?? string.Empty,
            (string?)item["eventType"] ?? string.Empty,
            (string?)item["data"]?["runId"] ?? string.Empty,
            (string?)item["data"]?["runType"] ?? string.Empty,
            (string?)item["data"]?["runStatus"] ?? string.Empty,
            HttpStatus: 0);

    private sealed record PendingBatch(
        EventGridDelivery Target,
        string Body,
        IReadOnlyList<DeliveredEventRecord> Events);
}
