using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.FunctionApp.Durable;

/// <summary>
/// Orchestrator triggers: each hands its context to the same stateless orchestrator class the
/// other hosts run, under the class's own name.
/// </summary>
public static class SagaOrchestrations
{
    private static readonly TransactionOrchestrator Transaction = new();
    private static readonly StepOrchestrator Step = new();

    [Function(nameof(TransactionOrchestrator))]
    public static Task<TransactionReport> RunTransaction(
        [OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        return Transaction.RunAsync(context, context.GetInput<TransactionStart>()!);
    }

    [Function(nameof(StepOrchestrator))]
    public static Task<StepWaitResult> RunStep(
        [OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        return Step.RunAsync(context, context.GetInput<StepWait>()!);
    }
}
