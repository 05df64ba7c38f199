using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;

namespace SagaBridge.Standalone.Hosting;

/// <summary>Registers an SDK activity class with the Durable Task Framework.</summary>
internal sealed class ShimActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly Type activityType;
    private readonly IServiceProvider services;
    private readonly DurableTaskShimFactory shims;

    public ShimActivityCreator(
        string name,
        Type activityType,
        IServiceProvider services,
        DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        this.activityType = activityType;
        this.services = services;
        this.shims = shims;
    }

    public override TaskActivity Create() =>
        new ScopedShimActivity(Name, activityType, services, shims);
}
