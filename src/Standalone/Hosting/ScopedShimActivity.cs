using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace SagaBridge.Standalone.Hosting;

/// <summary>
/// Runs one activity execution in its own service scope, as the Functions host does, so
/// scoped services (HTTP clients, credentials) live exactly as long as the execution.
/// </summary>
internal sealed class ScopedShimActivity(
    string name,
    Type activityType,
    IServiceProvider services,
    DurableTaskShimFactory shims)
    : TaskActivity
{
    // The framework's dispatcher only calls RunAsync; this blocking form exists because the
    // base class requires it.
    public override string Run(TaskContext context, string input) =>
        RunAsync(context, input).GetAwaiter().GetResult();

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        await using var scope = services.CreateAsyncScope();

        var activity = (ITaskActivity)ActivatorUtilities.CreateInstance(
            scope.ServiceProvider,
            activityType);
        var shim = shims.CreateActivity(new TaskName(name), activity);

        return await shim.RunAsync(context, input);
    }
}
