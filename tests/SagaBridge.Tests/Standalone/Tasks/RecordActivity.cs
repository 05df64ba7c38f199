using Microsoft.DurableTask;

namespace SagaBridge.Tests.Standalone.Tasks;

/// <summary>Records one execution under "instance/label" and echoes the label.</summary>
public sealed class RecordActivity(ExecutionLedger ledger) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ledger.Record($"{context.InstanceId}/{input}");

        return Task.FromResult(input);
    }
}
