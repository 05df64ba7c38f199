using Microsoft.DurableTask;

namespace SagaBridge.Tests.Standalone.Tasks;

public sealed class PriceOrderActivity(ExecutionLedger ledger) : TaskActivity<Order, Receipt>
{
    public override Task<Receipt> RunAsync(TaskActivityContext context, Order input)
    {
        ledger.Record(context.InstanceId);
        var total = input.Lines.Sum(line => line.Quantity * line.UnitPrice);

        return Task.FromResult(
            new Receipt(input.Id, total, input.Kind, input.Due, input.Lines, input.Notes));
    }
}
