using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SagaBridge.Transactions.Schedules;

/// <summary>Registers the configured <see cref="ScheduleCatalog"/>.</summary>
public static class ScheduleServices
{
    /// <summary>
    /// Configuration key of the schedules file (app setting <c>SagaBridge__SchedulesPath</c>).
    /// </summary>
    public const string SchedulesPathKey = "SagaBridge:SchedulesPath";

    /// <summary>
    /// Registers the <see cref="ScheduleCatalog"/> of the file named by
    /// <see cref="SchedulesPathKey"/> (relative paths from the app's base directory), or an
    /// empty one when the setting is empty. The file is read on first use; an invalid file
    /// fails that use with <see cref="InvalidScheduleException"/> instead of starting nothing.
    /// </summary>
    public static IServiceCollection AddSagaBridgeSchedules(
        this IServiceCollection services,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        return services.AddSagaBridgeSchedules(configuration[SchedulesPathKey]);
    }

    /// <summary>Registers the <see cref="ScheduleCatalog"/> of <paramref name="path"/>.</summary>
    public static IServiceCollection AddSagaBridgeSchedules(
        this IServiceCollection services,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(_ => string.IsNullOrWhiteSpace(path)
            ? ScheduleCatalog.Empty
            : ScheduleCatalog.Load(Path.Combine(AppContext.BaseDirectory, path)));

        return services;
    }
}
