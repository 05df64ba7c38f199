using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Callbacks;

namespace SagaBridge.Tests.Callbacks;

/// <summary>
/// The callback routes on loopback, as a host serves them: POST /api/callbacks/eventgrid and
/// POST /api/callbacks/steps/{token}, both answered by <see cref="CallbackApi"/>. It starts
/// before the engine (the issuer needs its URL) and is given the engine's client afterwards.
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-0123456789abcdef0123456789";

    public const string EventGridSecret = "test-eventgrid-secret";

    private readonly WebApplication app;

    private CallbackReceiver(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri EventGridEndpoint => new(BaseUrl, "api/callbacks/eventgrid");

    public DurableTaskClient? Client { get; set; }

    public CallbackOptions Options { get; } = new()
    {
        SigningKey = SigningKey,
        EventGridSecret = EventGridSecret,
    };

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        app.Run(receiver.ReceiveAsync);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = new Uri(address + "/");
        receiver.Options.BaseUrl = receiver.BaseUrl;

        return receiver;
    }

    public CallbackApi Api() =>
        new(Client ?? throw new InvalidOperationException("No engine client yet."), Options);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = http.Request.Path.Value ?? "";

        ApiResponse response;
        if (path == "/api/callbacks/eventgrid")
        {
            response = await Api().ReceiveEventGridAsync(
                http.Request.Headers[CallbackOptions.EventGridSecretHeader],
                body);
        }
        else if (path.StartsWith("/api/callbacks/steps/", StringComparison.Ordinal))
        {
            response = await Api().CompleteStepAsync(path["/api/callbacks/steps/".Length..], body);
        }
        else
        {
            http.Response.StatusCode = 404;

            return;
        }

        http.Response.StatusCode = response.Status;
        http.Response.ContentType = response.ContentType;
        if (response.Body is not null)
        {
            await http.Response.WriteAsync(
                JsonSerializer.Serialize(response.Body, response.Body.GetType(), ApiJson.Options));
        }
    }
}
