using Microsoft.DurableTask;

namespace SagaBridge.Tests.Standalone.Tasks;

/// <summary>
/// Calls a failing activity. With input true it handles the failure and reports whether it
/// was caused by an InvalidOperationException; with false the failure ends the orchestration.
/// </summary>
public sealed class FailureOrchestrator : TaskOrchestrator<bool, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, bool input)
    {
        try
        {
            return await context.CallActivityAsync<string>(nameof(FailingActivity), "job-7");
        }
        catch (TaskFailedException failure) when (input)
        {
            return failure.FailureDetails.IsCausedBy<InvalidOperationException>()
                ? $"handled: {failure.FailureDetails.ErrorMessage}"
                : "handled something else";
        }
    }
}
