using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Schedules;

namespace SagaBridge.FunctionApp.Schedules;

/// <summary>
/// Fires every minute and starts the schedules' due occurrences. A fire that comes late,
/// twice, or on several instances of the app at once still starts each occurrence once: see
/// <see cref="TransactionScheduler"/>.
/// </summary>
public sealed class ScheduleTimer(
    DefinitionCatalog definitions,
    ScheduleCatalog schedules,
    TimeProvider clock,
    ILogger<TransactionScheduler> logger)
{
    /// <summary>The timer's NCRONTAB expression (with seconds): second 0 of every minute.</summary>
    public const string EveryMinute = "0 * * * * *";

    [Function("RunSchedules")]
    public async Task Run(
        [TimerTrigger(EveryMinute)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var scheduler = new TransactionScheduler(client, definitions, schedules, logger);

        // Outcomes are logged by the scheduler, one line per started, skipped or failed one.
        await scheduler.RunDueAsync(clock.GetUtcNow(), cancellationToken);
    }
}
