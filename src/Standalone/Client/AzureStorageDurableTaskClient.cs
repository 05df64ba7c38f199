using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging;
using SagaBridge.Standalone.Hosting;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using IOrchestrationServiceQueryClient = DurableTask.Core.Query.IOrchestrationServiceQueryClient;
using SdkPurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace SagaBridge.Standalone.Client;

/// <summary>
/// A <see cref="DurableTaskClient"/> over a Durable Task Framework service client, such as
/// the Azure Storage orchestration service: the SDK's client API for the standalone engine.
/// </summary>
/// <remarks>
/// <para>
/// Inputs, outputs, event payloads and custom statuses are serialized with the SDK's
/// <see cref="DataConverter"/> (System.Text.Json by default) and stored as the JSON text it
/// produces. The shim-hosted orchestrators and activities read and write with the same
/// converter, so values round-trip exactly as they do with the in-memory test host.
/// </para>
/// <para>
/// Starting an instance id that is Pending, Running, ContinuedAsNew or Suspended throws
/// <see cref="OrchestrationAlreadyExistsException"/> (an <see cref="InvalidOperationException"/>)
/// and creates nothing; an id whose instance has finished (Completed, Failed, Terminated)
/// starts a new execution under that id. Statuses named in
/// <see cref="StartOrchestrationOptions.DedupeStatuses"/> are refused as well.
/// </para>
/// </remarks>
public sealed class AzureStorageDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPollDelay = TimeSpan.FromSeconds(1);

    private readonly IOrchestrationServiceClient service;
    private readonly IOrchestrationServiceQueryClient queries;
    private readonly IOrchestrationServicePurgeClient purges;
    private readonly DataConverter converter;
    private readonly ILogger logger;
    private readonly InstanceStartGate startGate = new();
    private readonly IDisposable? ownedService;

    /// <summary>Creates a client; it does not own <paramref name="service"/>.</summary>
    /// <param name="service">
    /// The framework's client; it must also answer queries
    /// (<see cref="IOrchestrationServiceQueryClient"/>) and purges
    /// (<see cref="IOrchestrationServicePurgeClient"/>), as the Azure Storage service does.
    /// </param>
    /// <param name="logger">Receives one line per instance operation.</param>
    /// <param name="dataConverter">Defaults to <see cref="JsonDataConverter.Default"/>.</param>
    public AzureStorageDurableTaskClient(
        IOrchestrationServiceClient service,
        ILogger logger,
        DataConverter? dataConverter = null)
        : this(service, logger, dataConverter, ownedService: null)
    {
    }

    private AzureStorageDurableTaskClient(
        IOrchestrationServiceClient service,
        ILogger logger,
        DataConverter? dataConverter,
        IDisposable? ownedService)
        : base("standalone")
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(logger);

        this.service = service;
        queries = service as IOrchestrationServiceQueryClient
            ?? throw new ArgumentException(
                $"The service must implement {nameof(IOrchestrationServiceQueryClient)}.",
                nameof(service));
        purges = service as IOrchestrationServicePurgeClient
            ?? throw new ArgumentException(
                $"The service must implement {nameof(IOrchestrationServicePurgeClient)}.",
                nameof(service));
        converter = dataConverter ?? JsonDataConverter.Default;
        this.logger = logger;
        this.ownedService = ownedService;
    }

    /// <inheritdoc/>
    /// <exception cref="OrchestrationAlreadyExistsException">
    /// An instance with the requested id exists and has not finished.
    /// </exception>
    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);

        return ScheduleAsync(
            orchestratorName.Name,
            converter.Serialize(input),
            options,
            cancellation);
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();

        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        var state = states?.FirstOrDefault(s => s is not null);

        return state is null ? null : await ToMetadataAsync(state, getInputsAndOutputs);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Pages follow the storage's own paging: a page may hold fewer than the page size even
    /// when more follow. Task hub names in the query are ignored; the client sees one hub.
    /// </remarks>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? filter = null)
    {
        var query = filter ?? new OrchestrationQuery();

        return Pageable.Create<OrchestrationMetadata>(async (continuation, pageSize, cancel) =>
        {
            var request = new CoreOrchestrationQuery
            {
                CreatedTimeFrom = query.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = query.CreatedTo?.UtcDateTime,
                RuntimeStatus = query.Statuses?.Select(RuntimeStatusConversion.ToCore).ToList(),
                InstanceIdPrefix = query.InstanceIdPrefix,
                PageSize = pageSize ?? query.PageSize,
                ContinuationToken = continuation ?? query.ContinuationToken,
                FetchInputsAndOutputs = query.FetchInputsAndOutputs,
                ExcludeEntities = true,
            };

            var result = await queries.GetOrchestrationWithQueryAsync(request, cancel);

            var values = new List<OrchestrationMetadata>(result.OrchestrationState.Count);
            foreach (var state in result.OrchestrationState)
            {
                values.Add(await ToMetadataAsync(state, query.FetchInputsAndOutputs));
            }

            var next = string.IsNullOrEmpty(result.ContinuationToken)
                ? null
                : result.ContinuationToken;

            return new Page<OrchestrationMetadata>(values, next);
        });
    }

    /// <inheritdoc/>
    /// <remarks>
    /// An event for an instance that does not exist is dropped by the engine, not reported.
    /// </remarks>
    public override async Task RaiseEventAsync(
        string instanceId,
        string eventName,
        object? eventPayload = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        cancellation.ThrowIfCancellationRequested();

        var raised = new EventRaisedEvent(-1, converter.Serialize(eventPayload))
        {
            Name = eventName,
        };
        await SendAsync(instanceId, raised);

        logger.EventRaised(instanceId, eventName);
    }

    /// <inheritdoc/>
    public override Task TerminateInstanceAsync(
        string instanceId,
        object? output = null,
        CancellationToken cancellation = default)
        => TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(output), cancellation);

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">
    /// <see cref="TerminateInstanceOptions.Recursive"/> is set: this engine does not track
    /// sub-orchestrations from the client side.
    /// </exception>
    public override async Task TerminateInstanceAsync(
        string instanceId,
        TerminateInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();

        // Limitation: recursive termination is refused, because the framework's client cannot
        // list an instance's sub-orchestrations; walking the history for
        // SubOrchestrationInstanceCreated events would make it possible.
        if (options?.Recursive == true)
        {
            throw new NotSupportedException(
                "Recursive termination is not supported by the standalone engine.");
        }

        await service.ForceTerminateTaskOrchestrationAsync(
            instanceId,
            converter.Serialize(options?.Output));

        logger.InstanceOperationRequested(instanceId, "termination");
    }

    /// <inheritdoc/>
    public override async Task SuspendInstanceAsync(
        string instanceId,
        string? reason = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();

        await SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));

        logger.InstanceOperationRequested(instanceId, "suspension");
    }

    /// <inheritdoc/>
    public override async Task ResumeInstanceAsync(
        string instanceId,
        string? reason = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();

        await SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));

        logger.InstanceOperationRequested(instanceId, "resumption");
    }

    /// <inheritdoc/>
    /// <remarks>Polls the instance's status with a growing delay of up to one second.</remarks>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
        => PollAsync(
            instanceId,
            getInputsAndOutputs,
            metadata => metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending,
            cancellation);

    /// <inheritdoc/>
    /// <remarks>Polls the instance's status with a growing delay of up to one second.</remarks>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
        => PollAsync(
            instanceId,
            getInputsAndOutputs,
            metadata => metadata.IsCompleted,
            cancellation);

    /// <inheritdoc/>
    /// <remarks>
    /// Only a finished instance (Completed, Failed, Terminated) is purged; for any other the
    /// result counts zero instances and the instance is left as it is.
    /// </remarks>
    /// <exception cref="NotSupportedException">
    /// <see cref="PurgeInstanceOptions.Recursive"/> is set.
    /// </exception>
    public override async Task<SdkPurgeResult> PurgeInstanceAsync(
        string instanceId,
        PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        RefuseRecursivePurge(options);

        var existing = await GetInstancesAsync(instanceId, false, cancellation);
        if (existing is null || !existing.IsCompleted)
        {
            return new SdkPurgeResult(0);
        }

        CorePurgeResult result = await purges.PurgeInstanceStateAsync(instanceId);

        logger.InstancePurged(instanceId, result.DeletedInstanceCount);

        return new SdkPurgeResult(result.DeletedInstanceCount);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Only finished instances are purged: statuses in the filter that are not final are
    /// ignored, and no statuses means every final status.
    /// </remarks>
    /// <exception cref="NotSupportedException">
    /// <see cref="PurgeInstanceOptions.Recursive"/> is set.
    /// </exception>
    public override async Task<SdkPurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter,
        PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RefuseRecursivePurge(options);
        cancellation.ThrowIfCancellationRequested();

        var statuses = filter.Statuses is null
            ? RuntimeStatusConversion.Terminal
            : filter.Statuses
                .Select(RuntimeStatusConversion.ToCore)
                .Where(RuntimeStatusConversion.IsTerminal)
                .ToList();
        if (statuses.Count == 0)
        {
            return new SdkPurgeResult(0);
        }

        var request = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            statuses)
        {
            Timeout = filter.Timeout,
        };
        CorePurgeResult result = await purges.PurgeInstanceStateAsync(request);

        logger.InstancesPurged(result.DeletedInstanceCount);

        return new SdkPurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has not finished.</exception>
    public override async Task<string> RestartAsync(
        string instanceId,
        bool restartWithNewInstanceId = false,
        CancellationToken cancellation = default)
    {
        var existing = await GetInstancesAsync(instanceId, true, cancellation)
            ?? throw new ArgumentException(
                $"No orchestration instance has the id '{instanceId}'.",
                nameof(instanceId));
        if (!existing.IsCompleted)
        {
            throw new InvalidOperationException(
                $"Instance '{instanceId}' is {existing.RuntimeStatus}; only a finished "
                + "instance can be restarted.");
        }

        var newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;

        return await ScheduleAsync(
            existing.Name,
            existing.SerializedInput,
            new StartOrchestrationOptions(newId),
            cancellation);
    }

    /// <summary>
    /// Connects to a task hub that engines in other processes run, without processing any of
    /// its work here: for status, cancel and start commands. The client owns its connection;
    /// dispose it when done. It neither creates the task hub nor starts Azurite.
    /// </summary>
    public static AzureStorageDurableTaskClient Connect(
        StandaloneEngineOptions options,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (options.InMemory)
        {
            throw new ArgumentException(
                "An in-memory engine can only be reached through its own client.",
                nameof(options));
        }

        var service = new AzureStorageOrchestrationService(
            StorageSettings.From(options, loggerFactory));

        return new AzureStorageDurableTaskClient(
            service,
            loggerFactory.CreateLogger<AzureStorageDurableTaskClient>(),
            dataConverter: null,
            ownedService: service);
    }

    /// <summary>Releases the connection if this client owns it (see <c>Connect</c>).</summary>
    public override ValueTask DisposeAsync()
    {
        ownedService?.Dispose();

        return ValueTask.CompletedTask;
    }

    private static void RefuseRecursivePurge(PurgeInstanceOptions? options)
    {
        // Limitation: recursive purge is refused for the same reason as recursive
        // termination: sub-orchestrations are not known to the client.
        if (options?.Recursive == true)
        {
            throw new NotSupportedException(
                "Recursive purge is not supported by the standalone engine.");
        }
    }

    private async Task<string> ScheduleAsync(
        string name,
        string? serializedInput,
        StartOrchestrationOptions? options,
        CancellationToken cancellation)
    {
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, serializedInput)
        {
            Name = name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(tag => tag.Key, tag => tag.Value),
        };
        var message = new TaskMessage { OrchestrationInstance = instance, Event = started };

        // Limitation: the gate serialises starts of one id within this process only; two
        // processes starting the same id in the same few milliseconds can both pass the
        // storage's look-then-create check and both return. The framework drops the start
        // message that does not match the instance row, so one execution runs. A conditional
        // insert of the instance row would make the second caller see the refusal.
        var refused = RefusedStatuses(options);
        using (await startGate.EnterAsync(instance.InstanceId, cancellation))
        {
            // Checked here as well as by the service, because a service configured not to
            // throw on a refused status would silently skip the start.
            var existing = await GetInstancesAsync(instance.InstanceId, false, cancellation);
            if (existing is not null
                && refused.Contains(RuntimeStatusConversion.ToCore(existing.RuntimeStatus)))
            {
                throw AlreadyExists(instance.InstanceId, existing.RuntimeStatus);
            }

            try
            {
                await service.CreateTaskOrchestrationAsync(message, refused);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                logger.InstanceAlreadyExists(instance.InstanceId, status: null);
                throw;
            }
        }

        logger.InstanceScheduled(instance.InstanceId, name);

        return instance.InstanceId;
    }

    private OrchestrationAlreadyExistsException AlreadyExists(
        string instanceId,
        OrchestrationRuntimeStatus status)
    {
        logger.InstanceAlreadyExists(instanceId, status);

        return new OrchestrationAlreadyExistsException(
            $"An orchestration instance with the id '{instanceId}' is {status}; "
            + "an id can be started again only after its instance has finished.");
    }

    private static OrchestrationStatus[] RefusedStatuses(StartOrchestrationOptions? options)
    {
        var refused = new HashSet<OrchestrationStatus>(RuntimeStatusConversion.NotTerminal);
        foreach (var status in options?.DedupeStatuses ?? [])
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(status, true, out var parsed))
            {
                refused.Add(RuntimeStatusConversion.ToCore(parsed));
            }
        }

        return [.. refused];
    }

    private Task SendAsync(string instanceId, HistoryEvent historyEvent) =>
        service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });

    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId,
        bool getInputsAndOutputs,
        Func<OrchestrationMetadata, bool> reached,
        CancellationToken cancellation)
    {
        var delay = FirstPollDelay;
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is not null && reached(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPollDelay.Ticks));
        }
    }

    private async Task<OrchestrationMetadata> ToMetadataAsync(
        OrchestrationState state,
        bool withPayloads)
    {
        var failure = await FailureOfAsync(state);

        return new OrchestrationMetadata(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = converter,
            RuntimeStatus = RuntimeStatusConversion.ToSdk(state.OrchestrationStatus),
            CreatedAt = AsUtc(state.CreatedTime),
            LastUpdatedAt = AsUtc(state.LastUpdatedTime),
            SerializedInput = withPayloads ? state.Input : null,

            // A failed instance's output holds the framework's error text, not a value the
            // orchestrator returned; the failure details carry the error instead.
            SerializedOutput = withPayloads && failure is null ? state.Output : null,
            SerializedCustomStatus = withPayloads ? state.Status : null,
            FailureDetails = failure,
            Tags = state.Tags is null
                ? new Dictionary<string, string>()
                : new Dictionary<string, string>(state.Tags, StringComparer.Ordinal),
        };
    }

    private async Task<TaskFailureDetails?> FailureOfAsync(OrchestrationState state)
    {
        if (state.FailureDetails is not null)
        {
            return ToSdk(state.FailureDetails);
        }

        if (state.OrchestrationStatus != OrchestrationStatus.Failed)
        {
            return null;
        }

        var history = await service.GetOrchestrationHistoryAsync(
            state.OrchestrationInstance.InstanceId,
            state.OrchestrationInstance.ExecutionId);

        return HistoryFailureReader.Read(history)
            ?? new TaskFailureDetails("unknown", state.Output ?? string.Empty, null, null, null);
    }

    private static DateTimeOffset AsUtc(DateTime time) =>
        new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static TaskFailureDetails? ToSdk(CoreFailureDetails? details) =>
        details is null
            ? null
            : new TaskFailureDetails(
                details.ErrorType,
                details.ErrorMessage,
                details.StackTrace,
                ToSdk(details.InnerFailure),
                details.Properties);
}
