using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Callbacks;

namespace SagaBridge.Standalone.Http;

/// <summary>
/// The transaction API over Kestrel, with the same routes, status codes, headers and
/// problem-details bodies as the Function App (under <c>/api/</c>), and the web dashboard at
/// <c>/</c>. Start it with <see cref="StartAsync"/>; dispose it to stop listening.
/// </summary>
public sealed class TransactionHttpHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private TransactionHttpHost(WebApplication app, Uri baseUrl, bool requiresKey)
    {
        this.app = app;
        BaseUrl = baseUrl;
        RequiresKey = requiresKey;
    }

    /// <summary>The route Event Grid delivers Azure ML run events to.</summary>
    public const string EventGridRoute = "/api/callbacks/eventgrid";

    /// <summary>The route prefix of signed step callback URLs (exempt from the API key).</summary>
    public const string StepCallbackPrefix = "/api/callbacks/steps";

    /// <summary>Where the host listens, ending in '/'; the dashboard is served here.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The root of the transaction API (<c>{BaseUrl}api/</c>).</summary>
    public Uri ApiUrl => new(BaseUrl, "api/");

    /// <summary>Whether every API call must carry the configured key.</summary>
    public bool RequiresKey { get; }

    /// <summary>
    /// Starts listening. <paramref name="client"/> must be the client <paramref name="api"/>
    /// uses: the dashboard reads each transaction's definition snapshot through it.
    /// </summary>
    /// <exception cref="UnsafeBindingException">
    /// The address is not loopback and no API key is configured.
    /// </exception>
    /// <exception cref="ArgumentException">The key is empty or the port out of range.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<TransactionHttpHost> StartAsync(
        TransactionApi api,
        DurableTaskClient client,
        TransactionHttpHostOptions options,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.BindAddress, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddLogging();
        var app = builder.Build();

        var logger = loggerFactory.CreateLogger<TransactionHttpHost>();
        app.Use(new UnexpectedErrorGuard(logger).InvokeAsync);
        app.Use(new ApiKeyGate(options.ApiKey, options.RequiresKey, logger).InvokeAsync);
        new ApiEndpoints(api).Map(app);
        MapCallbacks(app, client, options.Callbacks ?? new CallbackOptions(), loggerFactory);
        new DashboardEndpoints(client).Map(app);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // A taken port must not leave the host's services behind.
            await app.DisposeAsync();
            throw;
        }

        var host = new TransactionHttpHost(app, ListeningAddress(app), options.RequiresKey);
        logger.HttpHostListening(host.BaseUrl, host.RequiresKey);

        return host;
    }

    /// <summary>Stops listening; requests in flight are given a moment to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    // The callback routes sit next to the API routes, so the error guard covers them as in the
    // Function App. Event Grid's route keeps the API key (put it in the subscription's
    // ?code=) and adds the shared secret; the step route is exempt from the key, because its
    // signed token is the credential and a workflow's http.post carries no key.
    private static void MapCallbacks(
        IEndpointRouteBuilder routes,
        DurableTaskClient client,
        CallbackOptions callbacks,
        ILoggerFactory loggerFactory)
    {
        var api = new CallbackApi(client, callbacks, loggerFactory.CreateLogger<CallbackApi>());

        routes.MapMethods(EventGridRoute, ["POST"], (RequestDelegate)(async http =>
        {
            var response = await api.ReceiveEventGridAsync(
                http.Request.Headers[CallbackOptions.EventGridSecretHeader],
                await HttpAnswers.ReadBodyAsync(http),
                http.RequestAborted);
            await HttpAnswers.WriteAsync(http, response);
        }));
        routes.MapMethods(EventGridRoute, ["OPTIONS"], (RequestDelegate)(http =>
            HttpAnswers.WriteAsync(http, CallbackApi.AllowWebhookOrigin(
                http.Request.Headers["WebHook-Request-Origin"]))));
        routes.MapMethods(StepCallbackPrefix + "/{token}", ["POST"], (RequestDelegate)(async http =>
        {
            var response = await api.CompleteStepAsync(
                http.GetRouteValue("token") as string ?? "",
                await HttpAnswers.ReadBodyAsync(http),
                http.RequestAborted);
            await HttpAnswers.WriteAsync(http, response);
        }));
    }

    private static Uri ListeningAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses
            .First();

        // Kestrel reports a wildcard bind as 0.0.0.0 or [::]; callers need an address they
        // can open, and the port is what matters.
        var uri = new UriBuilder(address.TrimEnd('/') + "/");
        if (uri.Host is "0.0.0.0" or "[::]")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }
}
