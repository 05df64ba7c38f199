using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace SagaBridge.Standalone.Hosting;

/// <summary>
/// Gives the Durable Task Framework a fresh SDK orchestrator, wrapped by the shim factory,
/// for every orchestration work item.
/// </summary>
internal sealed class ShimOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly Type orchestratorType;
    private readonly IServiceProvider services;
    private readonly DurableTaskShimFactory shims;

    public ShimOrchestrationCreator(
        string name,
        Type orchestratorType,
        IServiceProvider services,
        DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        this.orchestratorType = orchestratorType;
        this.services = services;
        this.shims = shims;
    }

    public override TaskOrchestration Create()
    {
        var orchestrator = (ITaskOrchestrator)ActivatorUtilities.CreateInstance(
            services,
            orchestratorType);

        // Limitation: the framework does not hand the parent instance to the object creator,
        // so context.Parent is null in sub-orchestrations on this engine; pass what a child
        // needs to know about its parent in its input. A dispatcher middleware that reads
        // the ExecutionStarted event's ParentInstance could supply it.
        return shims.CreateOrchestration(new TaskName(Name), orchestrator, parent: null);
    }
}
