using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Tasks;

/// <summary>Starts a step's remote work, adopting work an earlier try already created.</summary>
public sealed class StartRemoteWorkActivity(
    RemoteWorkDrivers drivers,
    ILogger<StartRemoteWorkActivity> logger)
    : TaskActivity<RemoteWorkRequest, RemoteWorkHandle>
{
    public override async Task<RemoteWorkHandle> RunAsync(
        TaskActivityContext context,
        RemoteWorkRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        logger.StartingRemoteWork(input.TransactionId, input.StepId, input.Role, input.Kind);

        var handle = await drivers.For(input.Kind).StartAsync(input, CancellationToken.None);

        logger.StartedRemoteWork(
            input.TransactionId,
            input.StepId,
            handle.ResourceName,
            handle.Adopted);

        return handle;
    }
}
