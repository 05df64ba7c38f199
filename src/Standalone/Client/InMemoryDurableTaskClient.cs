using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace SagaBridge.Standalone.Client;

/// <summary>
/// The in-memory test host's client, with the start rule of the Azure Storage engine: an id
/// whose instance has not finished, or has finished in one of the start options'
/// <c>DedupeStatuses</c>, cannot be started again. Everything else passes through.
/// </summary>
internal sealed class InMemoryDurableTaskClient(DurableTaskClient inner, ILogger logger)
    : DurableTaskClient("in-memory")
{
    private readonly InstanceStartGate startGate = new();

    // Limitation: the in-memory host reports an instance scheduled with StartAt as Running
    // at once instead of Pending; only the Azure Storage engine keeps it Pending until then.
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        if (options?.InstanceId is not { Length: > 0 } instanceId)
        {
            return await inner.ScheduleNewOrchestrationInstanceAsync(
                orchestratorName,
                input,
                options,
                cancellation);
        }

        using (await startGate.EnterAsync(instanceId, cancellation))
        {
            var existing = await inner.GetInstancesAsync(instanceId, false, cancellation);
            if (existing is not null && IsRefused(existing.RuntimeStatus, options))
            {
                logger.InstanceAlreadyExists(instanceId, existing.RuntimeStatus);
                throw new OrchestrationAlreadyExistsException(
                    $"An orchestration instance with the id '{instanceId}' is "
                    + $"{existing.RuntimeStatus}; an id can be started again only after its "
                    + "instance has finished.");
            }

            var scheduled = await inner.ScheduleNewOrchestrationInstanceAsync(
                orchestratorName,
                input,
                options,
                cancellation);

            // The host records a new instance asynchronously; waiting until it is visible
            // keeps a start that follows from passing the check above.
            while (await inner.GetInstancesAsync(instanceId, false, cancellation) is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellation);
            }

            logger.InstanceScheduled(scheduled, orchestratorName.Name);

            return scheduled;
        }
    }

    private static bool IsRefused(
        OrchestrationRuntimeStatus status,
        StartOrchestrationOptions options)
    {
        var finished = status is OrchestrationRuntimeStatus.Completed
            or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated;

        return !finished || (options.DedupeStatuses?.Any(refused =>
            string.Equals(refused, status.ToString(), StringComparison.OrdinalIgnoreCase))
            ?? false);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
        => inner.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? filter = null)
        => inner.GetAllInstancesAsync(filter);

    public override Task RaiseEventAsync(
        string instanceId,
        string eventName,
        object? eventPayload = null,
        CancellationToken cancellation = default)
        => inner.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task TerminateInstanceAsync(
        string instanceId,
        object? output = null,
        CancellationToken cancellation = default)
        => inner.TerminateInstanceAsync(instanceId, output, cancellation);

    public override Task TerminateInstanceAsync(
        string instanceId,
        TerminateInstanceOptions? options = null,
        CancellationToken cancellation = default)
        => inner.TerminateInstanceAsync(instanceId, options, cancellation);

    public override Task SuspendInstanceAsync(
        string instanceId,
        string? reason = null,
        CancellationToken cancellation = default)
        => inner.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(
        string instanceId,
        string? reason = null,
        CancellationToken cancellation = default)
        => inner.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
        => inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
        => inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<PurgeResult> PurgeInstanceAsync(
        string instanceId,
        PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
        => inner.PurgeInstanceAsync(instanceId, options, cancellation);

    public override Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter,
        PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
        => inner.PurgeAllInstancesAsync(filter, options, cancellation);

    public override Task<string> RestartAsync(
        string instanceId,
        bool restartWithNewInstanceId = false,
        CancellationToken cancellation = default)
        => inner.RestartAsync(instanceId, restartWithNewInstanceId, cancellation);

    // The test host owns and disposes the inner client.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
