using Microsoft.DurableTask;

namespace SagaBridge.Standalone;

/// <summary>
/// The orchestrator and activity classes an engine runs. Each is registered under its class
/// name, as the Durable Task SDK names them by default, and is created through dependency
/// injection for every execution, so constructors may take services.
/// </summary>
public sealed class TaskRegistration
{
    private readonly Dictionary<string, Type> orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> activities = new(StringComparer.Ordinal);

    /// <summary>Orchestrator classes by the name orchestrations are scheduled with.</summary>
    public IReadOnlyDictionary<string, Type> Orchestrators => orchestrators;

    /// <summary>Activity classes by the name orchestrators call them with.</summary>
    public IReadOnlyDictionary<string, Type> Activities => activities;

    /// <summary>Adds an orchestrator class under its class name.</summary>
    public TaskRegistration AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator
        => AddOrchestrator(typeof(TOrchestrator));

    /// <summary>Adds an activity class under its class name.</summary>
    public TaskRegistration AddActivity<TActivity>()
        where TActivity : class, ITaskActivity
        => AddActivity(typeof(TActivity));

    /// <summary>Adds an orchestrator class under its class name.</summary>
    /// <exception cref="ArgumentException">
    /// The type is not a concrete orchestrator, or another one has the same name.
    /// </exception>
    public TaskRegistration AddOrchestrator(Type orchestratorType)
    {
        Add(orchestrators, orchestratorType, typeof(ITaskOrchestrator));

        return this;
    }

    /// <summary>Adds an activity class under its class name.</summary>
    /// <exception cref="ArgumentException">
    /// The type is not a concrete activity, or another one has the same name.
    /// </exception>
    public TaskRegistration AddActivity(Type activityType)
    {
        Add(activities, activityType, typeof(ITaskActivity));

        return this;
    }

    private static void Add(Dictionary<string, Type> target, Type type, Type contract)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsAbstract || !contract.IsAssignableFrom(type))
        {
            throw new ArgumentException(
                $"Expected a concrete class implementing {contract.Name}; found {type.FullName}.",
                nameof(type));
        }

        if (target.TryGetValue(type.Name, out var existing) && existing != type)
        {
            throw new ArgumentException(
                $"Two classes are named {type.Name}: {existing.FullName} and {type.FullName}. "
                + "Task names must be unique.",
                nameof(type));
        }

        target[type.Name] = type;
    }
}
