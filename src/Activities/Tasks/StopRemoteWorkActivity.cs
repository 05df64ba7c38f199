using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Tasks;

/// <summary>Cancels or drains a step's remote work; stopping finished work succeeds.</summary>
public sealed class StopRemoteWorkActivity(
    RemoteWorkDrivers drivers,
    ILogger<StopRemoteWorkActivity> logger)
    : TaskActivity<RemoteStopRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RemoteStopRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        logger.StoppingRemoteWork(
            input.TransactionId,
            input.StepId,
            input.Handle.ResourceName,
            input.Drain);

        await drivers.For(input.Handle.Kind)
            .StopAsync(input.Handle, input.Drain, CancellationToken.None);

        return true;
    }
}
