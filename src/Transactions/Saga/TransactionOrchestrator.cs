using Microsoft.DurableTask;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Transactions.Saga;

/// <summary>
/// Runs one transaction: starts steps as their dependencies succeed, and when a step fails or
/// an operator cancels, stops what still runs and compensates what took effect, newest first.
/// Every wait for remote work happens in a <see cref="StepOrchestrator"/>, so this history grows
/// by a constant number of events per step however long the steps take.
/// </summary>
public sealed class TransactionOrchestrator : TaskOrchestrator<TransactionStart, TransactionReport>
{
    public override async Task<TransactionReport> RunAsync(
        TaskOrchestrationContext context,
        TransactionStart input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var load = DefinitionLoader.TryLoad(input.DefinitionJson);
        if (load.Definition is not { } definition)
        {
            return Unrunnable(context, input, load.Problems);
        }

        var saga = new SagaRun(context, definition, input);

        return await saga.RunAsync();
    }

    private static TransactionReport Unrunnable(
        TaskOrchestrationContext context,
        TransactionStart input,
        IReadOnlyList<DefinitionProblem> problems)
    {
        var now = context.CurrentUtcDateTime;

        return new TransactionReport
        {
            TransactionId = context.InstanceId,
            Definition = "(invalid)",
            Version = "",
            StartedBy = input.StartedBy,
            State = TransactionState.Failed,
            Reason = "The definition snapshot is invalid: "
                + string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}")),
            StartedAt = now,
            UpdatedAt = now,
            EndedAt = now,
        };
    }
}
