using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Tasks;

/// <summary>Reads the status of a step's remote work.</summary>
public sealed class ReadRemoteWorkActivity(
    RemoteWorkDrivers drivers,
    ILogger<ReadRemoteWorkActivity> logger)
    : TaskActivity<RemoteStatusRequest, RemoteWorkStatus>
{
    public override async Task<RemoteWorkStatus> RunAsync(
        TaskActivityContext context,
        RemoteStatusRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);

        var status = await drivers.For(input.Handle.Kind)
            .GetStatusAsync(input.Handle, CancellationToken.None);

        logger.ReadRemoteWork(input.TransactionId, input.StepId, status.RemoteState);

        return status;
    }
}
