using Microsoft.DurableTask;

namespace SagaBridge.Tests.Standalone.Tasks;

/// <summary>Runs an activity, sleeps on a durable timer for n seconds, runs another.</summary>
public sealed class TimedStepsOrchestrator : TaskOrchestrator<int, string>
{
    public const string Sleeping = "sleeping";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        var before = await context.CallActivityAsync<string>(nameof(RecordActivity), "before");

        // Visible to clients only once the activity's result is checkpointed.
        context.SetCustomStatus(Sleeping);
        await context.CreateTimer(TimeSpan.FromSeconds(input), CancellationToken.None);
        var after = await context.CallActivityAsync<string>(nameof(RecordActivity), "after");

        return $"{before}-{after}";
    }
}
