using Microsoft.DurableTask;

namespace SagaBridge.FunctionApp.Durable;

/// <summary>The activity context handed to activity classes run from an activity trigger.</summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
