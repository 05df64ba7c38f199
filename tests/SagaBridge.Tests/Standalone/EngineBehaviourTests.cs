using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SagaBridge.Tests.Standalone.Tasks;

namespace SagaBridge.Tests.Standalone;

/// <summary>
/// What a caller of the engine's <see cref="DurableTaskClient"/> observes, the same on Azure
/// Storage (Azurite) and in memory.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EngineBehaviourTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Due =
        new(2026, 12, 24, 18, 30, 0, TimeSpan.FromHours(2));

    private readonly TestEngines engines = new(azurite);

    public static TheoryData<EngineKind> Engines => [EngineKind.AzureStorage, EngineKind.InMemory];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task ScheduledOrchestrationCompletesWithItsOutputAndCustomStatus(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var order = new Order(
            "order-1",
            [new OrderLine("gpu-hours", 3, 2.5m), new OrderLine("storage", 1, 0.25m)],
            new Dictionary<string, IReadOnlyList<string>> { ["review"] = ["ok", "ship"] },
            OrderKind.Express,
            Due,
            ShippedAt: null);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CheckoutOrchestrator),
            order);
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var receipt = done.ReadOutputAs<Receipt>();
        Assert.NotNull(receipt);
        Assert.Equal(7.75m, receipt.Total);
        Assert.Equal(OrderKind.Express, receipt.Kind);
        Assert.Equal(Due, receipt.Due);
        Assert.Equal(order.Lines, receipt.Lines);
        Assert.Equal(["ok", "ship"], receipt.Notes["review"]);
        var input = done.ReadInputAs<Order>();
        Assert.Equal(order.Id, input?.Id);
        Assert.Equal(Due, input?.Due);
        Assert.Null(input?.ShippedAt);
        Assert.Equal(order.Lines, input?.Lines);
        Assert.Equal(new Progress("priced", 2), done.ReadCustomStatusAs<Progress>());
        Assert.Equal(nameof(CheckoutOrchestrator), done.Name);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task StartingAnIdWhoseInstanceIsRunningIsRefusedAndCreatesNothing(
        EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var id = "approval-" + Guid.NewGuid().ToString("N");
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApprovalOrchestrator),
            "first",
            new StartOrchestrationOptions(id));
        await engine.Client.WaitForInstanceStartAsync(id, false, Timeout());

        var refusal = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => engine.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ApprovalOrchestrator),
                "second",
                new StartOrchestrationOptions(id)));

        Assert.IsAssignableFrom<InvalidOperationException>(refusal);
        var instances = await ListAsync(engine.Client, new OrchestrationQuery
        {
            InstanceIdPrefix = id,
            FetchInputsAndOutputs = true,
        });
        var only = Assert.Single(instances);
        Assert.Equal("first", only.ReadInputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AnIdCanBeStartedAgainOnceItsInstanceHasFinished(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var id = "again-" + Guid.NewGuid().ToString("N");
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimedStepsOrchestrator),
            0,
            new StartOrchestrationOptions(id));
        await engine.Client.WaitForInstanceCompletionAsync(id, false, Timeout());

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimedStepsOrchestrator),
            0,
            new StartOrchestrationOptions(id));
        var second = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(2, engines.Ledger.CountOf($"{id}/after"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AFinishedIdIsRefusedWhenItsStatusIsNamedInDedupeStatuses(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var id = "dedupe-" + Guid.NewGuid().ToString("N");
        var options = new StartOrchestrationOptions(id)
        {
            DedupeStatuses = [nameof(OrchestrationRuntimeStatus.Completed)],
        };
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimedStepsOrchestrator),
            0,
            options);
        await engine.Client.WaitForInstanceCompletionAsync(id, false, Timeout());

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => engine.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(TimedStepsOrchestrator),
                0,
                options));

        Assert.Equal(1, engines.Ledger.CountOf($"{id}/before"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PayloadsLargerThanAQueueMessageRoundTrip(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var largeInput = new string('i', 200_000);
        var largeComment = string.Concat(Enumerable.Repeat("comment ", 25_000));
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApprovalOrchestrator),
            largeInput);
        await engine.Client.WaitForInstanceStartAsync(id, false, Timeout());

        await engine.Client.RaiseEventAsync(
            id,
            ApprovalOrchestrator.EventName,
            new Approval("ops", true, [largeComment]));
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(largeInput, done.ReadInputAs<string>());
        Assert.Equal([largeComment], done.ReadOutputAs<Approval>()?.Comments);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task FiftyConcurrentStartsOfOneIdRunOneOrchestration(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var id = "race-" + Guid.NewGuid().ToString("N");

        var attempts = Enumerable.Range(0, 50).Select(async n =>
        {
            try
            {
                await engine.Client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(GatedStepsOrchestrator),
                    $"attempt {n}",
                    new StartOrchestrationOptions(id));
                return true;
            }
            catch (OrchestrationAlreadyExistsException)
            {
                return false;
            }
        });
        var accepted = await Task.WhenAll(attempts);
        await engine.Client.WaitForInstanceStartAsync(id, false, Timeout());
        await engine.Client.RaiseEventAsync(id, GatedStepsOrchestrator.EventName, "go");
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Single(accepted, started => started);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, engines.Ledger.CountOf($"{id}/before"));
        Assert.Equal(1, engines.Ledger.CountOf($"{id}/after"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task QueryFiltersByStatusAndPrefixAndPagesThroughTheResults(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var prefix = "query-" + Guid.NewGuid().ToString("N")[..8] + "-";
        foreach (var n in Enumerable.Range(0, 3))
        {
            await engine.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ApprovalOrchestrator),
                "waiting",
                new StartOrchestrationOptions($"{prefix}waiting-{n}"));
        }

        foreach (var n in Enumerable.Range(0, 2))
        {
            await engine.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(TimedStepsOrchestrator),
                0,
                new StartOrchestrationOptions($"{prefix}done-{n}"));
            await engine.Client.WaitForInstanceCompletionAsync(
                $"{prefix}done-{n}",
                false,
                Timeout());
        }

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimedStepsOrchestrator),
            0,
            new StartOrchestrationOptions("other-" + Guid.NewGuid().ToString("N")));
        foreach (var n in Enumerable.Range(0, 3))
        {
            await engine.Client.WaitForInstanceStartAsync($"{prefix}waiting-{n}", false, Timeout());
        }

        var completed = await ListAsync(engine.Client, new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Completed],
        });
        var pages = new List<Page<OrchestrationMetadata>>();
        var running = new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Running],
            PageSize = 2,
        };
        await foreach (var page in engine.Client.GetAllInstancesAsync(running).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(
            [$"{prefix}done-0", $"{prefix}done-1"],
            completed.Select(i => i.InstanceId).Order());
        Assert.All(pages, page => Assert.True(page.Values.Count <= 2));
        Assert.True(pages.Count >= 2);
        Assert.Equal(
            [$"{prefix}waiting-0", $"{prefix}waiting-1", $"{prefix}waiting-2"],
            pages.SelectMany(page => page.Values).Select(i => i.InstanceId).Order());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task RaisedEventCompletesTheWaitingOrchestrationWithItsPayload(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApprovalOrchestrator),
            "deploy");
        var waiting = await engine.Client.WaitForInstanceStartAsync(id, true, Timeout());

        await engine.Client.RaiseEventAsync(
            id,
            ApprovalOrchestrator.EventName,
            new Approval("ops", true, ["looks good"]));
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(new Progress("waiting", 0), waiting.ReadCustomStatusAs<Progress>());
        var approval = done.ReadOutputAs<Approval>();
        Assert.NotNull(approval);
        Assert.Equal("ops", approval.By);
        Assert.True(approval.Approved);
        Assert.Equal(["looks good"], approval.Comments);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TerminatedInstanceEndsTerminatedWithTheGivenOutput(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApprovalOrchestrator),
            "deploy");
        await engine.Client.WaitForInstanceStartAsync(id, false, Timeout());

        await engine.Client.TerminateInstanceAsync(id, "cancelled by operator");
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("cancelled by operator", done.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task SuspendedInstanceStaysSuspendedUntilResumedThenFinishes(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApprovalOrchestrator),
            "deploy");
        await engine.Client.WaitForInstanceStartAsync(id, false, Timeout());

        await engine.Client.SuspendInstanceAsync(id, "maintenance");
        await WaitForStatusAsync(engine.Client, id, OrchestrationRuntimeStatus.Suspended);
        await engine.Client.RaiseEventAsync(
            id,
            ApprovalOrchestrator.EventName,
            new Approval("ops", true, []));
        var whileSuspended = await engine.Client.GetInstanceAsync(id);
        await engine.Client.ResumeInstanceAsync(id, "maintenance over");
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended?.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("ops", done.ReadOutputAs<Approval>()?.By);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PurgedInstancesAreGoneAndRunningOnesAreKept(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);
        var startedBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var first = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimedStepsOrchestrator),
            0);
        var second = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimedStepsOrchestrator),
            0);
        var waiting = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApprovalOrchestrator),
            "keep me");
        await engine.Client.WaitForInstanceCompletionAsync(first, false, Timeout());
        await engine.Client.WaitForInstanceCompletionAsync(second, false, Timeout());
        await engine.Client.WaitForInstanceStartAsync(waiting, false, Timeout());

        var one = await engine.Client.PurgeInstanceAsync(first);
        var rest = await engine.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(
            CreatedFrom: startedBefore,
            CreatedTo: null,
            Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(1, one.PurgedInstanceCount);
        Assert.Equal(1, rest.PurgedInstanceCount);
        Assert.Null(await engine.Client.GetInstanceAsync(first));
        Assert.Null(await engine.Client.GetInstanceAsync(second));
        Assert.Equal(
            OrchestrationRuntimeStatus.Running,
            (await engine.Client.GetInstanceAsync(waiting))?.RuntimeStatus);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task HandledActivityFailureIsRecognisedByItsExceptionType(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(FailureOrchestrator),
            true);
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("handled: remote job job-7 was rejected", done.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task UnhandledActivityFailureFailsTheInstanceWithItsDetails(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(FailureOrchestrator),
            false);
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var failure = done.FailureDetails;
        Assert.NotNull(failure);
        Assert.True(failure.IsCausedBy<Microsoft.DurableTask.TaskFailedException>());
        Assert.Contains("job-7", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(failure.InnerFailure);
        Assert.True(failure.InnerFailure.IsCausedBy<InvalidOperationException>());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task ContinuedAsNewInstanceEndsWithItsSubOrchestrationsOutput(EngineKind kind)
    {
        await using var engine = await engines.StartAsync(kind);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CountdownOrchestrator),
            3);
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, true, Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("before-after", done.ReadOutputAs<string>());
        Assert.Equal(0, done.ReadInputAs<int>());
    }

    // In memory the test host reports a delayed instance as Running at once, so this
    // behaviour is specified for the Azure Storage engine only.
    [Fact]
    public async Task DelayedStartStaysPendingUntilItsTime()
    {
        await using var engine = await engines.StartAsync(EngineKind.AzureStorage);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimedStepsOrchestrator),
            0,
            new StartOrchestrationOptions { StartAt = DateTimeOffset.UtcNow.AddHours(1) });
        var pending = await engine.Client.GetInstanceAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending?.RuntimeStatus);
        Assert.Equal(0, engines.Ledger.CountOf($"{id}/before"));
    }

    internal static CancellationToken Timeout() =>
        new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;

    internal static async Task<List<OrchestrationMetadata>> ListAsync(
        DurableTaskClient client,
        OrchestrationQuery query)
    {
        var found = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(query))
        {
            found.Add(instance);
        }

        return found;
    }

    private static async Task WaitForStatusAsync(
        DurableTaskClient client,
        string id,
        OrchestrationRuntimeStatus status)
    {
        var cancellation = Timeout();
        while ((await client.GetInstanceAsync(id, cancellation))?.RuntimeStatus != status)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }
    }
}
