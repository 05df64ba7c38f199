using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaBridge.Standalone.Azurite;
using SagaBridge.Standalone.Client;
using SagaBridge.Standalone.Hosting;

namespace SagaBridge.Standalone;

/// <summary>
/// Runs SagaBridge's orchestrators and activities outside Azure Functions: on the Durable
/// Task Framework over Azure Storage (Azurite locally, started on demand), or in memory.
/// Several engines on one storage account and task hub share its work and take over each
/// other's orchestrations when one stops.
/// </summary>
/// <remarks>
/// Start it with <see cref="StartAsync"/>; talk to it through <see cref="Client"/>; dispose it
/// to stop the worker gracefully and stop the Azurite it started, if any.
/// </remarks>
public sealed class StandaloneEngine : IAsyncDisposable
{
    private readonly TaskHubWorker? worker;
    private readonly AzureStorageOrchestrationService? service;
    private readonly DurableTaskTestHost? memoryHost;
    private readonly AzuriteLauncher? azurite;
    private readonly ILogger logger;
    private int stopped;

    private StandaloneEngine(
        DurableTaskClient client,
        ILogger logger,
        TaskHubWorker? worker = null,
        AzureStorageOrchestrationService? service = null,
        DurableTaskTestHost? memoryHost = null,
        AzuriteLauncher? azurite = null)
    {
        Client = client;
        this.logger = logger;
        this.worker = worker;
        this.service = service;
        this.memoryHost = memoryHost;
        this.azurite = azurite;
    }

    /// <summary>
    /// The client for scheduling and managing orchestrations on this engine's task hub.
    /// Starting an id whose instance has not finished throws
    /// <see cref="DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException"/>
    /// on both backends.
    /// </summary>
    public DurableTaskClient Client { get; }

    /// <summary>True when everything runs in memory and nothing survives the process.</summary>
    public bool IsInMemory => memoryHost is not null;

    /// <summary>The Azurite this engine started, or null when it uses other storage.</summary>
    public AzuriteLauncher? Azurite => azurite;

    /// <summary>
    /// Creates the task hub if needed and starts processing its work.
    /// </summary>
    /// <param name="options">Storage, task hub and concurrency.</param>
    /// <param name="registration">The orchestrator and activity classes to run.</param>
    /// <param name="services">Creates the classes, so activities get constructor injection.</param>
    /// <param name="loggerFactory">Receives the engine's and the framework's logs.</param>
    /// <param name="cancellation">Abandons the start.</param>
    /// <exception cref="AzuriteUnavailableException">
    /// The storage is local Azurite, nothing answers, and Azurite cannot be started.
    /// </exception>
    public static async Task<StandaloneEngine> StartAsync(
        StandaloneEngineOptions options,
        TaskRegistration registration,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var logger = loggerFactory.CreateLogger<StandaloneEngine>();

        return options.InMemory
            ? await StartInMemoryAsync(registration, services, loggerFactory, logger, cancellation)
            : await StartOnStorageAsync(
                options,
                registration,
                services,
                loggerFactory,
                logger,
                cancellation);
    }

    /// <summary>
    /// Stops processing work. A graceful stop lets running work items finish; a forced one
    /// abandons them, and another engine on the task hub (or this one, restarted) picks
    /// them up again after their leases expire.
    /// </summary>
    public async Task StopAsync(bool forced = false)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        logger.EngineStopping(forced);
        if (worker is not null)
        {
            await worker.StopAsync(forced);
            worker.Dispose();
        }

        service?.Dispose();
        if (memoryHost is not null)
        {
            await memoryHost.DisposeAsync();
        }

        await Client.DisposeAsync();
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>Stops gracefully, then stops the Azurite this engine started, if any.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(forced: false);

    private static async Task<StandaloneEngine> StartOnStorageAsync(
        StandaloneEngineOptions options,
        TaskRegistration registration,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        ILogger logger,
        CancellationToken cancellation)
    {
        logger.EngineStarting("Azure Storage", options.TaskHubName);
        var azurite = options.LaunchAzurite
            ? await AzuriteLauncher.EnsureRunningAsync(
                options.StorageConnectionString,
                options.AzuriteLocation,
                options.AzuriteToolFolder,
                loggerFactory.CreateLogger<AzuriteLauncher>(),
                cancellation)
            : null;

        AzureStorageOrchestrationService? service = null;
        try
        {
            service = new AzureStorageOrchestrationService(
                StorageSettings.From(options, loggerFactory));
            await service.CreateIfNotExistsAsync();

            var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
            var worker = new TaskHubWorker(service, loggerFactory)
            {
                // The SDK's TaskFailedException.FailureDetails (and IsCausedBy) need this mode.
                ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
            };
            worker.AddTaskOrchestrations(registration.Orchestrators
                .Select(entry => new ShimOrchestrationCreator(
                    entry.Key,
                    entry.Value,
                    services,
                    shims))
                .ToArray<ObjectCreator<TaskOrchestration>>());
            worker.AddTaskActivities(registration.Activities
                .Select(entry => new ShimActivityCreator(entry.Key, entry.Value, services, shims))
                .ToArray<ObjectCreator<TaskActivity>>());
            await worker.StartAsync();

            var client = new AzureStorageDurableTaskClient(
                service,
                loggerFactory.CreateLogger<AzureStorageDurableTaskClient>());
            logger.EngineStarted(registration.Orchestrators.Count, registration.Activities.Count);

            return new StandaloneEngine(client, logger, worker, service, azurite: azurite);
        }
        catch
        {
            service?.Dispose();
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            throw;
        }
    }

    private static async Task<StandaloneEngine> StartInMemoryAsync(
        TaskRegistration registration,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        ILogger logger,
        CancellationToken cancellation)
    {
        logger.EngineStarting("memory", "in-memory");

        var host = await InMemoryBackend.StartAsync(
            tasks =>
            {
                foreach (var (name, type) in registration.Orchestrators)
                {
                    tasks.AddOrchestrator(
                        new TaskName(name),
                        () => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type));
                }

                // Limitation: in memory, activities are created from the root provider, so a
                // scoped service lives as long as the engine; the Azure Storage engine gives
                // every execution its own scope.
                foreach (var (name, type) in registration.Activities)
                {
                    tasks.AddActivity(
                        new TaskName(name),
                        _ => (ITaskActivity)ActivatorUtilities.CreateInstance(services, type));
                }
            },
            loggerFactory,
            cancellation);

        var client = new InMemoryDurableTaskClient(
            host.Client,
            loggerFactory.CreateLogger<InMemoryDurableTaskClient>());
        logger.EngineStarted(registration.Orchestrators.Count, registration.Activities.Count);

        return new StandaloneEngine(client, logger, memoryHost: host);
    }
}
