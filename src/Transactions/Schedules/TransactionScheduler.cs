using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Transactions.Schedules;

/// <summary>
/// Starts the due occurrences of the configured schedules. Hosts call
/// <see cref="RunDueAsync"/> about once a minute (the Function App's timer trigger, the
/// standalone host's background loop); calling it more often, late, twice, or from several
/// hosts at once starts each occurrence at most once, because the occurrence's transaction id
/// is fixed and the start is idempotent.
/// </summary>
/// <remarks>
/// Catch-up rule: only the latest occurrence within a schedule's catch-up window before
/// <c>now</c> is started; occurrences missed before that (downtime) are dropped. Transactions
/// of a schedule must not be purged sooner than its catch-up window, or a purged occurrence
/// would be started again.
/// </remarks>
public sealed class TransactionScheduler(
    DurableTaskClient client,
    DefinitionCatalog definitions,
    ScheduleCatalog schedules,
    ILogger<TransactionScheduler>? logger = null)
{
    private readonly ILogger log = logger ?? (ILogger)NullLogger.Instance;
    private readonly TransactionApi api = new(client, definitions);

    /// <summary>
    /// Starts every schedule's due occurrence at <paramref name="now"/>, applying its overlap
    /// policy, and reports what happened to each. A failure of one schedule does not stop
    /// the others.
    /// </summary>
    public async Task<IReadOnlyList<ScheduledOccurrence>> RunDueAsync(
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var results = new List<ScheduledOccurrence>();
        foreach (var schedule in schedules.Schedules)
        {
            if (schedule.DueAt(now) is { } occurrence)
            {
                results.Add(await RunAsync(schedule, occurrence, cancellationToken));
            }
        }

        return results;
    }

    private async Task<ScheduledOccurrence> RunAsync(
        Schedule schedule,
        DateTimeOffset occurrence,
        CancellationToken cancellationToken)
    {
        var id = schedule.TransactionIdFor(occurrence);
        ScheduledOccurrence Result(OccurrenceOutcome outcome, string? detail = null) =>
            new(schedule.Name, occurrence, id, outcome, detail);

        if (await client.GetInstanceAsync(id, false, cancellationToken) is not null)
        {
            return Result(OccurrenceOutcome.AlreadyStarted);
        }

        if (!definitions.TryGet(schedule.Definition, out var definition))
        {
            var missing = $"No definition is named '{schedule.Definition}'.";
            log.ScheduleFailed(id, schedule.Name, missing);

            return Result(OccurrenceOutcome.Failed, missing);
        }

        string? detail = null;
        if (schedule.Overlap != OverlapPolicy.Allow)
        {
            var running = await RunningOccurrencesAsync(schedule, id, cancellationToken);
            if (running.Count > 0 && schedule.Overlap == OverlapPolicy.Skip)
            {
                log.OccurrenceSkipped(id, schedule.Name, running[0]);

                return Result(
                    OccurrenceOutcome.SkippedOverlap,
                    "Still running: " + string.Join(", ", running) + ".");
            }

            foreach (var previous in running)
            {
                var reason = new JsonObject { ["reason"] = $"Replaced by occurrence {id}." };
                await api.CancelAsync(previous, reason.ToJsonString(), cancellationToken);
                log.PreviousOccurrenceCancelled(id, schedule.Name, previous);
            }

            detail = running.Count > 0 ? "Cancelled: " + string.Join(", ", running) + "." : null;
        }

        var response = await api.StartAsync(
            definition,
            id,
            schedule.Input,
            "schedule:" + schedule.Name,
            cancellationToken);
        if (response.Status >= 300)
        {
            var problem = (response.Body as ProblemDetails)?.Detail ?? $"HTTP {response.Status}";
            log.ScheduleFailed(id, schedule.Name, problem);

            return Result(OccurrenceOutcome.Failed, problem);
        }

        log.OccurrenceStarted(id, schedule.Name);

        return Result(OccurrenceOutcome.Started, detail);
    }

    /// <summary>Running transactions of other occurrences of <paramref name="schedule"/>.</summary>
    private async Task<List<string>> RunningOccurrencesAsync(
        Schedule schedule,
        string current,
        CancellationToken cancellationToken)
    {
        // The prefix also matches other schedules whose name extends this one ("a" and
        // "a-b"), so the exact id shape is checked as well.
        var shape = new Regex(
            "^" + Regex.Escape(schedule.Name) + "-[0-9]{8}T[0-9]{4}Z$",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = schedule.Name + "-",
            Statuses =
            [
                OrchestrationRuntimeStatus.Running,
                OrchestrationRuntimeStatus.Pending,
                OrchestrationRuntimeStatus.Suspended,
            ],
        };

        var running = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(query)
            .WithCancellation(cancellationToken))
        {
            if (instance.InstanceId != current && shape.IsMatch(instance.InstanceId))
            {
                running.Add(instance.InstanceId);
            }
        }

        running.Sort(StringComparer.Ordinal);

        return running;
    }
}
