using SagaBridge.Activities.Tasks;

namespace SagaBridge.Transactions.Saga;

/// <summary>
/// The orchestrators and activities every host registers, each under its class name: the
/// names orchestrators use to call them.
/// </summary>
public static class SagaTasks
{
    public static IReadOnlyList<Type> Orchestrators { get; } =
        [typeof(TransactionOrchestrator), typeof(StepOrchestrator)];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(StartRemoteWorkActivity),
        typeof(ReadRemoteWorkActivity),
        typeof(StopRemoteWorkActivity),
    ];
}
