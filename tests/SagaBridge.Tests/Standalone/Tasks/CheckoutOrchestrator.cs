using Microsoft.DurableTask;

namespace SagaBridge.Tests.Standalone.Tasks;

/// <summary>Prices an order through an activity, reporting progress as custom status.</summary>
public sealed class CheckoutOrchestrator : TaskOrchestrator<Order, Receipt>
{
    public override async Task<Receipt> RunAsync(TaskOrchestrationContext context, Order input)
    {
        context.SetCustomStatus(new Progress("pricing", 0));
        var receipt = await context.CallActivityAsync<Receipt>(nameof(PriceOrderActivity), input);
        context.SetCustomStatus(new Progress("priced", input.Lines.Count));

        return receipt;
    }
}
