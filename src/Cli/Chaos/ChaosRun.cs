using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Emulators;
using SagaBridge.Standalone;
using SagaBridge.Standalone.Azurite;
using SagaBridge.Standalone.Client;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Cli.Chaos;

/// <summary>
/// The chaos controller. It owns Azurite and the emulated clouds (they survive every kill),
/// runs the transaction engine as a child process, kills that process with SIGKILL at random
/// moments and restarts it, and in the end checks every transaction against the clouds'
/// records.
/// </summary>
internal sealed class ChaosRun
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    private readonly ChaosSettings settings;
    private readonly TextWriter output;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<ChaosTransaction> plan = [];
    private readonly Dictionary<string, TransactionView> finals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TransactionView> lastSeen =
        new(StringComparer.Ordinal);
    private readonly int[] killMoments = new int[3];
    private int kills;
    private StandaloneEngineOptions? engineOptions;

    private ChaosRun(ChaosSettings settings, TextWriter output)
    {
        this.settings = settings;
        this.output = output;
    }

    /// <summary>Runs the whole chaos test and returns what the check found.</summary>
    public static Task<ChaosTally> RunAsync(
        ChaosSettings settings,
        TextWriter output,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);

        return new ChaosRun(settings, output).RunAsync(cancellation);
    }

    private async Task<ChaosTally> RunAsync(CancellationToken cancellation)
    {
        var runId = "chaos" + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture)
            + "s" + settings.Seed.ToString(CultureInfo.InvariantCulture);
        var folder = Path.Combine(
            Path.GetTempPath(),
            "sagabridge-" + runId + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            return await RunInAsync(folder, runId, cancellation);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    private async Task<ChaosTally> RunInAsync(
        string folder,
        string runId,
        CancellationToken cancellation)
    {
        Say($"seed {settings.Seed}, {settings.Kills} kills; starting Azurite and the emulators");

        await using var azurite = await AzuriteLauncher.StartAsync(
            new AzuriteEndpoints(FreePort(), FreePort(), FreePort()),
            folder,
            toolFolder: null,
            NullLogger.Instance,
            cancellation);
        await using var emulator = await CloudEmulator.StartAsync(0, cancellation);
        ChaosScenario.Script(emulator);

        var engine = ChaosEngine.Options(azurite.ConnectionString, runId);
        engineOptions = engine;
        var worker = ChaosWorker.Start(
            settings.WorkerAssembly,
            azurite.ConnectionString,
            engine.TaskHubName,
            emulator.BaseUrl);
        try
        {
            await WaitReadyAsync(worker, cancellation);
            Say($"worker ready (pid {worker.ProcessId}); task hub {engine.TaskHubName}");

            await using var client = AzureStorageDurableTaskClient.Connect(
                engine,
                NullLoggerFactory.Instance);
            var api = new TransactionApi(client, DefinitionCatalog.Of());
            using var killsDone = new CancellationTokenSource();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);

            var killing = KillLoopAsync(
                () => worker,
                next => worker = next,
                (azurite.ConnectionString, engine.TaskHubName, emulator.BaseUrl),
                killsDone,
                stop.Token);
            var faulting = FaultLoopAsync(emulator, killsDone.Token);
            try
            {
                await TrafficAsync(
                    api,
                    client,
                    emulator,
                    new ChaosScenario(settings.Seed, runId),
                    killsDone.Token,
                    cancellation);
                await killing;
            }
            finally
            {
                // A failed run must not leave the kill loop starting workers behind it.
                await stop.CancelAsync();
                await Task.WhenAll(killing, faulting)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            await worker.DisposeAsync();
        }

        var tally = ChaosChecker.Check(
            kills,
            plan,
            finals,
            emulator.Records.WorkflowExecutions,
            emulator.Records.DataflowJobs);
        foreach (var finding in tally.Findings)
        {
            Say(finding);
        }

        Say($"kills while a step was starting: {killMoments[0]}, waited on: {killMoments[1]}, "
            + $"compensating: {killMoments[2]} (as last seen by the controller)");
        Say($"faults injected: {string.Join(", ", faults.Select(f => $"{f.Key} ×{f.Value}"))}; "
            + $"cancelled={tally.Cancelled}; {clock.Elapsed.TotalSeconds:F0} s");

        return tally;
    }

    /// <summary>Kills the worker after a random life, restarts it at once, N times.</summary>
    private async Task KillLoopAsync(
        Func<ChaosWorker> current,
        Action<ChaosWorker> replace,
        (string Storage, string TaskHub, Uri Emulator) target,
        CancellationTokenSource done,
        CancellationToken cancellation)
    {
        var random = new Random(settings.Seed * 31 + 7);
        try
        {
            while (kills < settings.Kills)
            {
                var worker = current();
                await WaitReadyAsync(worker, cancellation);
                var life = settings.ShortestLife
                    + (settings.LongestLife - settings.ShortestLife) * random.NextDouble();
                await Task.Delay(life, cancellation);

                await worker.DisposeAsync();
                kills++;
                var steps = lastSeen.Values
                    .SelectMany(v => v.Steps)
                    .GroupBy(s => s.State)
                    .ToDictionary(g => g.Key, g => g.Count());
                CountKillMoment(steps);
                Say($"kill {kills}/{settings.Kills} (pid {worker.ProcessId}; "
                    + $"{lastSeen.Count} transactions running; steps last seen starting "
                    + $"{steps.GetValueOrDefault(StepState.Starting)}, waited on "
                    + $"{steps.GetValueOrDefault(StepState.Running)}, compensating "
                    + $"{steps.GetValueOrDefault(StepState.Compensating)})");

                replace(ChaosWorker.Start(
                    settings.WorkerAssembly,
                    target.Storage,
                    target.TaskHub,
                    target.Emulator));
            }
        }
        finally
        {
            await done.CancelAsync();
        }
    }

    private async Task FaultLoopAsync(CloudEmulator emulator, CancellationToken killsDone)
    {
        var random = new Random(settings.Seed * 17 + 3);
        while (!killsDone.IsCancellationRequested)
        {
            var fault = ChaosScenario.InjectFault(emulator, random);
            lock (faults)
            {
                faults[fault] = faults.GetValueOrDefault(fault) + 1;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000, 3000)), killsDone);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Keeps transactions running while the kills go on, cancels those scripted to be cancelled
    /// once their held step runs, then waits for every transaction to end or the deadline.
    /// </summary>
    private async Task TrafficAsync(
        TransactionApi api,
        DurableTaskClient client,
        CloudEmulator emulator,
        ChaosScenario scenario,
        CancellationToken killsDone,
        CancellationToken cancellation)
    {
        var running = new List<ChaosTransaction>();
        var cancelRequested = new HashSet<string>(StringComparer.Ordinal);
        DateTime? deadline = null;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (killsDone.IsCancellationRequested)
            {
                deadline ??= DateTime.UtcNow + settings.FinalDeadline;
            }
            else
            {
                while (running.Count < settings.InFlight)
                {
                    var (transaction, definition) = scenario.Next();
                    plan.Add(transaction);
                    running.Add(transaction);
                    await StartAsync(api, transaction, definition, cancellation);
                }
            }

            foreach (var transaction in running.ToList())
            {
                var view = await FindAsync(api, transaction.Id, cancellation);
                if (view is null)
                {
                    continue;
                }

                lastSeen[transaction.Id] = view;
                if (view.Finished)
                {
                    lastSeen.TryRemove(transaction.Id, out _);
                    finals[transaction.Id] = view;
                    running.Remove(transaction);
                    ReportProgress();
                    continue;
                }

                if (transaction.Outcome == ChaosOutcome.Cancel
                    && !cancelRequested.Contains(transaction.Id)
                    && view.Steps.Any(s => s.Id == transaction.StepIds[transaction.TargetStep]
                        && s.State == StepState.Running)
                    && await CancelAsync(api, transaction.Id, cancellation))
                {
                    cancelRequested.Add(transaction.Id);
                }
            }

            if (deadline is { } end && (running.Count == 0 || DateTime.UtcNow > end))
            {
                foreach (var transaction in running)
                {
                    await DescribeAsync(api, client, emulator, transaction, cancellation);
                }


                Say($"{finals.Count}/{plan.Count} transactions ended"
                    + (running.Count == 0
                        ? ""
                        : $"; {running.Count} still running at the deadline"));

                return;
            }

            await Task.Delay(Poll, cancellation);
        }
    }

    private async Task DescribeAsync(
        TransactionApi api,
        DurableTaskClient client,
        CloudEmulator emulator,
        ChaosTransaction transaction,
        CancellationToken cancellation)
    {
        var view = await FindAsync(api, transaction.Id, cancellation);
        var steps = view is null
            ? "not found"
            : string.Join(", ", view.Steps.Select(s => $"{s.Id} {s.State}"));
        Say($"unfinished: {transaction.Id} ({transaction.Outcome} at step "
            + $"{transaction.TargetStep + 1}) is {view?.State ?? "unknown"}: {steps}");

        var remote = emulator.Records.WorkflowExecutions
            .Where(e => e.ArgumentJson?.Contains(transaction.Id, StringComparison.Ordinal) == true)
            .Select(e => $"{e.Workflow} {e.State}"
                + (e.CancelledAt is null ? "" : " (cancel received)"));
        Say($"  its workflow executions: {string.Join(", ", remote)}");

        var waitId = StepInstanceId.For(
            transaction.Id,
            transaction.StepIds[transaction.TargetStep],
            "step",
            1);
        var wait = await client.GetInstanceAsync(waitId, getInputsAndOutputs: false, cancellation);
        Say($"  the wait of step {transaction.TargetStep + 1}: "
            + (wait is null ? "not found" : wait.RuntimeStatus.ToString()));
        if (wait is not null)
        {
            Say("  its history ends: " + await HistoryTailAsync(waitId));
        }
    }

    /// <summary>The last events of an instance's history: where a stuck instance waits.</summary>
    private async Task<string> HistoryTailAsync(string instanceId)
    {
        var storage = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = engineOptions!.TaskHubName,
            StorageAccountClientProvider =
                new StorageAccountClientProvider(engineOptions.StorageConnectionString),
        };
        using var service = new AzureStorageOrchestrationService(storage);
        var state = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        var executionId = state.FirstOrDefault()?.OrchestrationInstance.ExecutionId;
        if (executionId is null)
        {
            return "no execution";
        }

        var history = await service.GetOrchestrationHistoryAsync(instanceId, executionId);
        using var document = JsonDocument.Parse(history);
        var events = document.RootElement
            .EnumerateArray()
            .Select(e => e.TryGetProperty("EventType", out var type)
                && type.TryGetInt32(out var number)
                    ? ((EventType)number).ToString()
                    : "?")
            .ToList();

        return $"execution {executionId[..8]}, {events.Count} events: "
            + string.Join(" ", events.TakeLast(12));
    }

    private async Task StartAsync(
        TransactionApi api,
        ChaosTransaction transaction,
        TransactionDefinition definition,
        CancellationToken cancellation)
    {
        // Storage may be briefly busy; starting the same id again is safe (the API checks first).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var started = await api.StartAsync(
                    definition,
                    transaction.Id,
                    null,
                    "chaos",
                    cancellation);
                if (started.Status is 200 or 202)
                {
                    return;
                }

                throw new InvalidOperationException(
                    $"The chaos transaction {transaction.Id} was refused with {started.Status}.");
            }
            catch (Exception failure) when (attempt < 5
                && failure is not OperationCanceledException)
            {
                Say($"start of {transaction.Id} failed ({failure.Message}); trying again");
                await Task.Delay(Poll, cancellation);
            }
        }
    }

    private async Task<TransactionView?> FindAsync(
        TransactionApi api,
        string id,
        CancellationToken cancellation)
    {
        try
        {
            return await api.FindAsync(id, cancellation);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            Say($"reading {id} failed ({failure.Message}); reading it again later");

            return null;
        }
    }

    private async Task<bool> CancelAsync(
        TransactionApi api,
        string id,
        CancellationToken cancellation)
    {
        try
        {
            var answer = await api.CancelAsync(
                id,
                """{"reason":"chaos: operator cancel"}""",
                cancellation);

            return answer.Status is 202 or 410;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            Say($"cancel of {id} failed ({failure.Message}); trying again");

            return false;
        }
    }

    private async Task WaitReadyAsync(ChaosWorker worker, CancellationToken cancellation)
    {
        try
        {
            await worker.Ready.WaitAsync(ReadyTimeout, cancellation);
        }
        catch (Exception failure) when (failure is not OperationCanceledException
            || !cancellation.IsCancellationRequested)
        {
            foreach (var line in worker.Tail)
            {
                Say("worker: " + line);
            }

            throw new InvalidOperationException(
                $"The chaos worker (pid {worker.ProcessId}) did not become ready: "
                + failure.Message,
                failure);
        }
    }

    /// <summary>Counts the kills that hit a launch, a wait and a compensation.</summary>
    private void CountKillMoment(Dictionary<StepState, int> steps)
    {
        killMoments[0] += steps.ContainsKey(StepState.Starting) ? 1 : 0;
        killMoments[1] += steps.ContainsKey(StepState.Running) ? 1 : 0;
        killMoments[2] += steps.ContainsKey(StepState.Compensating) ? 1 : 0;
    }

    private void ReportProgress()
    {
        if (finals.Count % 10 != 0)
        {
            return;
        }

        var committed = finals.Values.Count(v => v.State == nameof(TransactionState.Committed));
        Say($"{finals.Count} transactions ended ({committed} committed, "
            + $"{finals.Count - committed} rolled back or cancelled)");
    }

    private void Say(string line)
    {
        lock (output)
        {
            output.WriteLine($"chaos [{clock.Elapsed.TotalSeconds,6:F1}s] {line}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still be closing a file; the folder is in the temp area anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
