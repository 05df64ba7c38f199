using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Tasks;

namespace SagaBridge.FunctionApp.Durable;

/// <summary>
/// Activity triggers: each resolves the activity class from the function's services (so it gets
/// its HTTP clients and credentials by injection) and runs it.
/// </summary>
public static class RemoteWorkActivities
{
    [Function(ActivityNames.StartRemoteWork)]
    public static Task<RemoteWorkHandle> StartRemoteWork(
        [ActivityTrigger] RemoteWorkRequest request,
        FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(function);

        return function.InstanceServices.GetRequiredService<StartRemoteWorkActivity>()
            .RunAsync(Context(ActivityNames.StartRemoteWork, request.TransactionId), request);
    }

    [Function(ActivityNames.ReadRemoteWork)]
    public static Task<RemoteWorkStatus> ReadRemoteWork(
        [ActivityTrigger] RemoteStatusRequest request,
        FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(function);

        return function.InstanceServices.GetRequiredService<ReadRemoteWorkActivity>()
            .RunAsync(Context(ActivityNames.ReadRemoteWork, request.TransactionId), request);
    }

    [Function(ActivityNames.StopRemoteWork)]
    public static Task<bool> StopRemoteWork(
        [ActivityTrigger] RemoteStopRequest request,
        FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(function);

        return function.InstanceServices.GetRequiredService<StopRemoteWorkActivity>()
            .RunAsync(Context(ActivityNames.StopRemoteWork, request.TransactionId), request);
    }

    private static FunctionActivityContext Context(string name, string transactionId) =>
        new(name, transactionId);
}
