using Microsoft.DurableTask;

namespace SagaBridge.Tests.Standalone.Tasks;

public sealed record Approval(string By, bool Approved, IReadOnlyList<string> Comments);

/// <summary>Waits, without time limit, for the "approval" event and returns its payload.</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<string, Approval>
{
    public const string EventName = "approval";

    public override async Task<Approval> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus(new Progress("waiting", 0));

        return await context.WaitForExternalEvent<Approval>(EventName);
    }
}
