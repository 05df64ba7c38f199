using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Standalone;

/// <summary>
/// SagaBridge's orchestrators and activities running on a <see cref="StandaloneEngine"/>, with
/// the transaction API over it: what <c>sagabridge demo</c>, <c>dev</c> and the chaos worker run.
/// </summary>
public sealed class TransactionEngine : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TransactionEngine(ServiceProvider services, StandaloneEngine engine, TransactionApi api)
    {
        this.services = services;
        Engine = engine;
        Api = api;
    }

    public StandaloneEngine Engine { get; }

    public DurableTaskClient Client => Engine.Client;

    public TransactionApi Api { get; }

    public IServiceProvider Services => services;

    /// <summary>
    /// Registers every SagaBridge orchestrator and activity and starts the engine; with Azurite
    /// storage and nothing listening, this also starts Azurite (the first time can take a minute).
    /// </summary>
    public static async Task<TransactionEngine> StartAsync(
        TransactionEngineOptions options,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var collection = new ServiceCollection();
        collection.AddSingleton(loggerFactory);
        collection.AddLogging();
        AddActivities(collection, options);
        options.ConfigureServices?.Invoke(collection);
        var provider = collection.BuildServiceProvider();

        var registration = new TaskRegistration();
        foreach (var type in SagaTasks.Orchestrators)
        {
            registration.AddOrchestrator(type);
        }

        foreach (var type in SagaTasks.Activities)
        {
            registration.AddActivity(type);
        }

        try
        {
            var engine = await StandaloneEngine.StartAsync(
                options.Engine,
                registration,
                provider,
                loggerFactory,
                cancellationToken);

            return new TransactionEngine(
                provider,
                engine,
                new TransactionApi(engine.Client, options.Catalog));
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await services.DisposeAsync();
    }

    private static void AddActivities(IServiceCollection services, TransactionEngineOptions options)
    {
        if (options.EmulatorBaseUrl is { } emulator)
        {
            services.AddSagaBridgeActivitiesWithStaticTokens(
                endpoints =>
                {
                    endpoints.WorkflowsBaseUrl = emulator;
                    endpoints.DataflowBaseUrl = emulator;
                    endpoints.AzureManagementBaseUrl = emulator;
                },
                configureRetry: options.ConfigureRetry);

            return;
        }

        services.AddSagaBridgeActivities(
            configureGoogle: google =>
            {
                google.ServiceAccountEmail = options.Google.ServiceAccountEmail;
                google.WorkloadIdentityAudience = options.Google.WorkloadIdentityAudience;
                google.SubjectTokenAudience = options.Google.SubjectTokenAudience;
            },
            configureRetry: options.ConfigureRetry);
    }
}
