using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Emulators.AzureMl;
using SagaBridge.Emulators.Control;
using SagaBridge.Emulators.Dataflow;
using SagaBridge.Emulators.EventGrid;
using SagaBridge.Emulators.Faults;
using SagaBridge.Emulators.Http;
using SagaBridge.Emulators.Records;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Emulators.Workflows;

namespace SagaBridge.Emulators;

/// <summary>
/// Local stand-ins for the Cloud Workflows Executions v1, Dataflow v1b3 and Azure ML (ARM) REST
/// APIs, all on one loopback base URL. Point a client's base address at <see cref="BaseUrl"/>
/// instead of <c>https://workflowexecutions.googleapis.com/</c>,
/// <c>https://dataflow.googleapis.com/</c> or <c>https://management.azure.com/</c>. Every cloud
/// request needs an <c>Authorization: Bearer</c> header with any token. State lives in memory
/// and ends with the emulator.
/// </summary>
public sealed class CloudEmulator : IAsyncDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(50);

    private readonly WebApplication app;
    private readonly EmulatorContext context;
    private readonly CancellationTokenSource stopping;
    private Task ticker = Task.CompletedTask;
    private int stopped;

    private CloudEmulator(
        WebApplication app,
        EmulatorContext context,
        EmulatorRecords records,
        CancellationTokenSource stopping)
    {
        this.app = app;
        this.stopping = stopping;
        this.context = context;
        Records = records;
    }

    /// <summary>
    /// The base URL of all three APIs and of the control endpoint; ends with <c>/</c>.
    /// </summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Scripted outcomes per target.</summary>
    public EmulatorScripts Scripts => context.Scripts;

    /// <summary>Everything created so far, and the counts of answered and lost creates.</summary>
    public EmulatorRecords Records { get; }

    /// <summary>Transient fault bursts for the next requests.</summary>
    public EmulatorFaults Faults => context.Faults;

    /// <summary>
    /// Starts the emulator on <c>http://127.0.0.1:{port}</c>; port 0 picks a free port.
    /// </summary>
    public static Task<CloudEmulator> StartAsync(int port = 0, CancellationToken ct = default) =>
        StartAsync(port, NullLoggerFactory.Instance, ct);

    /// <summary>
    /// Starts the emulator and logs what it does through <paramref name="loggerFactory"/>.
    /// </summary>
    public static async Task<CloudEmulator> StartAsync(
        int port,
        ILoggerFactory loggerFactory,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddLogging();
        var app = builder.Build();

        var logger = loggerFactory.CreateLogger("SagaBridge.Emulators");
        var publisher = new EventGridPublisher(logger);
        var store = new EmulatorStore();
        var stopping = new CancellationTokenSource();
        var context = new EmulatorContext(
            store,
            new EmulatorScripts(),
            new EmulatorFaults(),
            publisher,
            TimeProvider.System,
            logger,
            stopping.Token);
        var records = new EmulatorRecords(store, () => publisher.Delivered);
        var emulator = new CloudEmulator(app, context, records, stopping);

        var gate = new CloudRequestGate(context);
        app.Use(gate.InvokeAsync);
        new WorkflowsEndpoints(context).Map(app);
        new DataflowEndpoints(context).Map(app);
        new AzureMlEndpoints(context).Map(app);
        new ControlEndpoints(context, records).Map(app);

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            // A taken port must not leave the event pump and the host behind.
            await emulator.DisposeAsync();
            throw;
        }

        emulator.BaseUrl = ListeningAddress(app);
        emulator.ticker = Task.Run(emulator.TickAsync, CancellationToken.None);
        logger.Listening(emulator.BaseUrl);

        return emulator;
    }

    /// <summary>
    /// Sends Azure ML run events to <paramref name="delivery"/>'s endpoint from now on (after
    /// the subscription validation handshake when it asks for one); null stops delivery.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint failed the handshake.</exception>
    public Task ConfigureEventGridAsync(
        EventGridDelivery? delivery,
        CancellationToken ct = default) =>
        context.Publisher.ConfigureAsync(delivery, ct);

    /// <summary>Stops listening; objects in flight stay as they are. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        await ticker;
        await app.StopAsync();
        await context.Publisher.DisposeAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private static Uri ListeningAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses;

        return new Uri(addresses.First().TrimEnd('/') + "/");
    }

    // Moves scripted work on with time, for scripts that set AdvanceEvery.
    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                var now = context.Now;
                lock (context.Store.Gate)
                {
                    foreach (var item in context.Store.All.Where(o => o.IsDueByTime(now)).ToList())
                    {
                        item.CountRead(now);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
