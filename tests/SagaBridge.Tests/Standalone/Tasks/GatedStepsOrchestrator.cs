using Microsoft.DurableTask;

namespace SagaBridge.Tests.Standalone.Tasks;

/// <summary>Runs an activity, waits for the "go" event, runs another.</summary>
public sealed class GatedStepsOrchestrator : TaskOrchestrator<string, string>
{
    public const string EventName = "go";

    public const string Waiting = "waiting";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var before = await context.CallActivityAsync<string>(nameof(RecordActivity), "before");
        context.SetCustomStatus(Waiting);
        await context.WaitForExternalEvent<string>(EventName);
        var after = await context.CallActivityAsync<string>(nameof(RecordActivity), "after");

        return $"{before}-{after}";
    }
}
