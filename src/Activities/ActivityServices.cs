using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SagaBridge.Activities.AzureMl;
using SagaBridge.Activities.Configuration;
using SagaBridge.Activities.Credentials;
using SagaBridge.Activities.Dataflow;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Steps;
using SagaBridge.Activities.Tasks;
using SagaBridge.Activities.Workflows;

namespace SagaBridge.Activities;

/// <summary>
/// Registers the activities layer: clients, token sources, drivers and activities.
/// </summary>
public static class ActivityServices
{
    /// <summary>Service key of the <see cref="IAccessTokenSource"/> for Google APIs.</summary>
    public const string GoogleTokens = "google";

    /// <summary>
    /// Service key of the <see cref="IAccessTokenSource"/> for Azure Resource Manager.
    /// </summary>
    public const string AzureTokens = "azure";

    /// <summary>
    /// Registers typed HttpClients for the three APIs, keyed token sources
    /// (<see cref="GoogleTokens"/>, <see cref="AzureTokens"/>), one driver per step kind,
    /// <see cref="RemoteWorkDrivers"/> and the three activity classes (transient). Options
    /// may also be bound from configuration by the host before or after this call.
    /// </summary>
    public static IServiceCollection AddSagaBridgeActivities(
        this IServiceCollection services,
        Action<CloudEndpointOptions>? configureEndpoints = null,
        Action<GoogleCredentialOptions>? configureGoogle = null,
        Action<AzureCredentialOptions>? configureAzure = null,
        Action<RemoteCallRetryOptions>? configureRetry = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        Configure(services, configureEndpoints);
        Configure(services, configureGoogle);
        Configure(services, configureAzure);
        Configure(services, configureRetry);
        services.TryAddSingleton(TimeProvider.System);

        AddTokenSources(services);
        AddClients(services);
        AddDrivers(services);

        services.TryAddTransient<StartRemoteWorkActivity>();
        services.TryAddTransient<ReadRemoteWorkActivity>();
        services.TryAddTransient<StopRemoteWorkActivity>();

        return services;
    }

    /// <summary>
    /// Same as <see cref="AddSagaBridgeActivities"/>, but every call carries
    /// <paramref name="token"/> instead of a real token: for the emulators only.
    /// </summary>
    public static IServiceCollection AddSagaBridgeActivitiesWithStaticTokens(
        this IServiceCollection services,
        Action<CloudEndpointOptions> configureEndpoints,
        string token = "sagabridge-emulator",
        Action<RemoteCallRetryOptions>? configureRetry = null)
    {
        return services.AddSagaBridgeActivities(
            configureEndpoints,
            google =>
            {
                google.UseStaticToken = true;
                google.StaticToken = token;
            },
            azure =>
            {
                azure.UseStaticToken = true;
                azure.StaticToken = token;
            },
            configureRetry);
    }

    private static void Configure<TOptions>(
        IServiceCollection services,
        Action<TOptions>? configure)
        where TOptions : class
    {
        var builder = services.AddOptions<TOptions>();

        if (configure is not null)
        {
            builder.Configure(configure);
        }
    }

    private static void AddTokenSources(IServiceCollection services)
    {
        services.TryAddKeyedSingleton<IAccessTokenSource>(GoogleTokens, (provider, _) =>
        {
            var google = provider.GetRequiredService<IOptions<GoogleCredentialOptions>>().Value;
            var azure = provider.GetRequiredService<IOptions<AzureCredentialOptions>>().Value;

            return google.UseStaticToken
                ? new StaticAccessTokenSource(google.StaticToken)
                : new GoogleAccessTokenSource(
                    google,
                    () => AzureAccessTokenSource.CreateDefaultCredential(azure));
        });

        services.TryAddKeyedSingleton<IAccessTokenSource>(AzureTokens, (provider, _) =>
        {
            var azure = provider.GetRequiredService<IOptions<AzureCredentialOptions>>().Value;

            return azure.UseStaticToken
                ? new StaticAccessTokenSource(azure.StaticToken)
                : new AzureAccessTokenSource(azure);
        });
    }

    private static void AddClients(IServiceCollection services)
    {
        services
            .AddHttpClient(nameof(WorkflowExecutionsClient), (provider, http) =>
                Point(http, Endpoints(provider).WorkflowsBaseUrl, Endpoints(provider)))
            .AddTypedClient((http, provider) => new WorkflowExecutionsClient(
                http,
                provider.GetRequiredKeyedService<IAccessTokenSource>(GoogleTokens),
                Retry(provider),
                provider.GetRequiredService<ILogger<WorkflowExecutionsClient>>(),
                provider.GetRequiredService<TimeProvider>()));

        services
            .AddHttpClient(nameof(DataflowClient), (provider, http) =>
                Point(http, Endpoints(provider).DataflowBaseUrl, Endpoints(provider)))
            .AddTypedClient((http, provider) => new DataflowClient(
                http,
                provider.GetRequiredKeyedService<IAccessTokenSource>(GoogleTokens),
                Retry(provider),
                provider.GetRequiredService<ILogger<DataflowClient>>(),
                provider.GetRequiredService<TimeProvider>()));

        services
            .AddHttpClient(nameof(AzureMlJobsClient), (provider, http) =>
                Point(http, Endpoints(provider).AzureManagementBaseUrl, Endpoints(provider)))
            .AddTypedClient((http, provider) => new AzureMlJobsClient(
                http,
                provider.GetRequiredKeyedService<IAccessTokenSource>(AzureTokens),
                Retry(provider),
                Endpoints(provider).AzureMlApiVersion,
                provider.GetRequiredService<ILogger<AzureMlJobsClient>>(),
                provider.GetRequiredService<TimeProvider>()));
    }

    private static void AddDrivers(IServiceCollection services)
    {
        // Drivers are transient like the typed clients they hold, so that the HttpClient
        // factory can rotate handlers.
        services.AddTransient<IRemoteWorkDriver, WorkflowDriver>();
        services.AddTransient<IRemoteWorkDriver>(provider => new DataflowDriver(
            StepKinds.DataflowFlexTemplate,
            provider.GetRequiredService<DataflowClient>(),
            provider.GetRequiredService<ILogger<DataflowDriver>>()));
        services.AddTransient<IRemoteWorkDriver>(provider => new DataflowDriver(
            StepKinds.DataflowTemplate,
            provider.GetRequiredService<DataflowClient>(),
            provider.GetRequiredService<ILogger<DataflowDriver>>()));
        services.AddTransient<IRemoteWorkDriver, AzureMlPipelineDriver>();
        services.TryAddTransient<RemoteWorkDrivers>();
    }

    private static CloudEndpointOptions Endpoints(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<CloudEndpointOptions>>().Value;

    private static RemoteCallRetryOptions Retry(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<RemoteCallRetryOptions>>().Value;

    private static void Point(HttpClient http, Uri baseUrl, CloudEndpointOptions endpoints)
    {
        // Relative paths resolve below the base only when it ends with '/'.
        http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/')
            ? baseUrl
            : new Uri(baseUrl.AbsoluteUri + "/");
        http.Timeout = endpoints.RequestTimeout;
    }
}
