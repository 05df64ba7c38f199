using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Transactions.Callbacks;

/// <summary>Registers callback options and, when they allow it, the callback URL issuer.</summary>
public static class CallbackServices
{
    /// <summary>Configuration key of <see cref="CallbackOptions.BaseUrl"/>.</summary>
    public const string BaseUrlKey = "SagaBridge:Callbacks:BaseUrl";

    /// <summary>Configuration key of <see cref="CallbackOptions.SigningKey"/>.</summary>
    public const string SigningKeyKey = "SagaBridge:Callbacks:SigningKey";

    /// <summary>Configuration key of <see cref="CallbackOptions.EventGridSecret"/>.</summary>
    public const string EventGridSecretKey = "SagaBridge:EventGrid:Secret";

    /// <summary>
    /// Registers <see cref="CallbackOptions"/> from <see cref="BaseUrlKey"/>,
    /// <see cref="SigningKeyKey"/> and <see cref="EventGridSecretKey"/> (app settings
    /// <c>SagaBridge__Callbacks__BaseUrl</c> and so on).
    /// </summary>
    public static IServiceCollection AddSagaBridgeCallbacks(
        this IServiceCollection services,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        return services.AddSagaBridgeCallbacks(options =>
        {
            var baseUrl = configuration[BaseUrlKey];
            options.BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) ? url : null;
            options.SigningKey = configuration[SigningKeyKey];
            options.EventGridSecret = configuration[EventGridSecretKey];
        });
    }

    /// <summary>
    /// Registers <see cref="CallbackOptions"/>, and <see cref="SignedCallbackUrls"/> as the
    /// <see cref="ICallbackUrlIssuer"/> when a base URL and a long enough signing key are
    /// given; without them steps get no callback URL and finish by polling.
    /// </summary>
    public static IServiceCollection AddSagaBridgeCallbacks(
        this IServiceCollection services,
        Action<CallbackOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<CallbackOptions>().Configure(configure);

        // Decided once, here: a step either always or never gets a URL from this host.
        var probe = new CallbackOptions();
        configure(probe);
        if (probe.BaseUrl is not null && probe.CanSign)
        {
            services.TryAddSingleton<ICallbackUrlIssuer, SignedCallbackUrls>();
        }

        return services;
    }
}
