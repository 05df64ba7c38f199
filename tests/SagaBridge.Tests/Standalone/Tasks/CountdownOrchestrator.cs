using Microsoft.DurableTask;

namespace SagaBridge.Tests.Standalone.Tasks;

/// <summary>Continues as new until the count is zero, then runs a child orchestration.</summary>
public sealed class CountdownOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        if (input > 0)
        {
            context.ContinueAsNew(input - 1);
            return "continued";
        }

        return await context.CallSubOrchestratorAsync<string>(
            nameof(TimedStepsOrchestrator),
            0);
    }
}
