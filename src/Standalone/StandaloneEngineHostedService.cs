using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SagaBridge.Standalone;

/// <summary>
/// Runs a <see cref="StandaloneEngine"/> for the lifetime of a generic host: started with the
/// host, stopped gracefully with it.
/// </summary>
public sealed class StandaloneEngineHostedService(
    StandaloneEngineOptions options,
    TaskRegistration registration,
    IServiceProvider services,
    ILoggerFactory loggerFactory)
    : IHostedService, IAsyncDisposable
{
    private StandaloneEngine? engine;

    /// <summary>The running engine.</summary>
    /// <exception cref="InvalidOperationException">The host has not started yet.</exception>
    public StandaloneEngine Engine =>
        engine ?? throw new InvalidOperationException("The durable engine has not started yet.");

    /// <summary>The running engine's client.</summary>
    /// <exception cref="InvalidOperationException">The host has not started yet.</exception>
    public DurableTaskClient Client => Engine.Client;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken) =>
        engine = await StandaloneEngine.StartAsync(
            options,
            registration,
            services,
            loggerFactory,
            cancellationToken);

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (engine is not null)
        {
            await engine.StopAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }
    }
}
