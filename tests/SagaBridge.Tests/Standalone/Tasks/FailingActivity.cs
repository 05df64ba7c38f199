using Microsoft.DurableTask;

namespace SagaBridge.Tests.Standalone.Tasks;

public sealed class FailingActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        throw new InvalidOperationException($"remote job {input} was rejected");
}
