using DurableTask.Core;
using Microsoft.DurableTask.Client;

namespace SagaBridge.Standalone.Client;

/// <summary>Translates runtime statuses between the SDK and the Durable Task Framework.</summary>
internal static class RuntimeStatusConversion
{
    /// <summary>Statuses in which an instance still owns its id.</summary>
    public static readonly IReadOnlyList<OrchestrationStatus> NotTerminal =
    [
        OrchestrationStatus.Pending,
        OrchestrationStatus.Running,
        OrchestrationStatus.ContinuedAsNew,
        OrchestrationStatus.Suspended,
    ];

    /// <summary>Statuses after which an instance never changes again.</summary>
    public static readonly IReadOnlyList<OrchestrationStatus> Terminal =
    [
        OrchestrationStatus.Completed,
        OrchestrationStatus.Failed,
        OrchestrationStatus.Terminated,
#pragma warning disable CS0618 // Canceled is obsolete in the framework yet still stored.
        OrchestrationStatus.Canceled,
#pragma warning restore CS0618
    ];

    public static OrchestrationRuntimeStatus ToSdk(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
#pragma warning disable CS0618 // ContinuedAsNew is obsolete in the SDK yet still stored.
        OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
#pragma warning restore CS0618
        OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
        OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
#pragma warning disable CS0618
        OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
#pragma warning restore CS0618
        _ => throw new ArgumentOutOfRangeException(
            nameof(status), status, "Unknown orchestration status."),
    };

    public static OrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => OrchestrationStatus.Running,
        OrchestrationRuntimeStatus.Completed => OrchestrationStatus.Completed,
#pragma warning disable CS0618
        OrchestrationRuntimeStatus.ContinuedAsNew => OrchestrationStatus.ContinuedAsNew,
#pragma warning restore CS0618
        OrchestrationRuntimeStatus.Failed => OrchestrationStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => OrchestrationStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => OrchestrationStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => OrchestrationStatus.Suspended,
#pragma warning disable CS0618
        OrchestrationRuntimeStatus.Canceled => OrchestrationStatus.Canceled,
#pragma warning restore CS0618
        _ => throw new ArgumentOutOfRangeException(
            nameof(status), status, "Unknown orchestration runtime status."),
    };

    public static bool IsTerminal(OrchestrationStatus status) => Terminal.Contains(status);
}
