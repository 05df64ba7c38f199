using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SagaBridge.Tests.Emulators;

/// <summary>
/// A small webhook on loopback that plays an Event Grid subscriber: it answers the validation
/// handshake (unless told not to) and keeps every notification event it receives.
/// </summary>
internal sealed class EventGridListener : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<ReceivedEvent> received = Channel.CreateUnbounded<ReceivedEvent>();

    private EventGridListener(WebApplication app) => this.app = app;

    public Uri Endpoint { get; private set; } = null!;

    public int Handshakes { get; private set; }

    public static async Task<EventGridListener> StartAsync(bool answerHandshake = true)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var listener = new EventGridListener(app);
        app.Run(http => listener.ReceiveAsync(http, answerHandshake));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listener.Endpoint = new Uri($"{address}/api/events/azureml?code=secret-key");

        return listener;
    }

    /// <summary>The next event received, or a failure after a generous deadline.</summary>
    public async Task<ReceivedEvent> NextAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        return await received.Reader.ReadAsync(deadline.Token);
    }

    /// <summary>Events until (and including) the first one that matches.</summary>
    public async Task<List<ReceivedEvent>> UntilAsync(Func<ReceivedEvent, bool> last)
    {
        var events = new List<ReceivedEvent>();
        while (true)
        {
            var next = await NextAsync();
            events.Add(next);
            if (last(next))
            {
                return events;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext http, bool answerHandshake)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        var kind = (string?)http.Request.Headers["aeg-event-type"];
        if (kind == "SubscriptionValidation")
        {
            Handshakes++;
            if (!answerHandshake)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var code = (string?)body![0]!["data"]!["validationCode"];
            await http.Response.WriteAsync(
                new JsonObject { ["validationResponse"] = code }.ToJsonString());
            return;
        }

        var secret = (string?)http.Request.Headers["x-sagabridge-secret"];
        foreach (var item in body!.AsArray())
        {
            received.Writer.TryWrite(new ReceivedEvent((JsonObject)item!.DeepClone(), secret));
        }
    }
}
