using System.Text.Json;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Steps;

namespace SagaBridge.Activities.Dataflow;

/// <summary>
/// Runs <see cref="StepKinds.DataflowFlexTemplate"/> or <see cref="StepKinds.DataflowTemplate"/>
/// steps (one instance per kind) as Dataflow jobs named by <see cref="DataflowJobName"/>. A
/// start lists jobs of that name before it launches and adopts the newest; a launch that meets
/// an active job of the name (409) adopts that job.
/// </summary>
public sealed class DataflowDriver : IRemoteWorkDriver
{
    /// <summary>Handle setting: the project.</summary>
    public const string ProjectSetting = "project";

    /// <summary>Handle setting: the regional endpoint.</summary>
    public const string LocationSetting = "location";

    /// <summary>Handle setting: the job id.</summary>
    public const string JobIdSetting = "jobId";

    /// <summary>Handle setting: "true" when the step declared a streaming template.</summary>
    public const string StreamingSetting = "streaming";

    /// <summary>Handle setting: the step's succeedWhen ("done" or "running"), when given.</summary>
    public const string SucceedWhenSetting = "succeedWhen";

    /// <summary>Handle setting: the step's onCancel ("cancel" or "drain"), when given.</summary>
    public const string OnCancelSetting = "onCancel";

    private readonly DataflowClient client;

    private readonly ILogger<DataflowDriver> logger;

    /// <param name="kind">
    /// <see cref="StepKinds.DataflowFlexTemplate"/> or <see cref="StepKinds.DataflowTemplate"/>.
    /// </param>
    /// <param name="client">The Dataflow API.</param>
    /// <param name="logger">Receives adoption and reconciliation lines.</param>
    public DataflowDriver(string kind, DataflowClient client, ILogger<DataflowDriver> logger)
    {
        if (kind is not (StepKinds.DataflowFlexTemplate or StepKinds.DataflowTemplate))
        {
            throw new ArgumentException(
                $"A Dataflow driver serves {StepKinds.DataflowFlexTemplate} or "
                + $"{StepKinds.DataflowTemplate}, not '{kind}'.",
                nameof(kind));
        }

        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);

        Kind = kind;
        this.client = client;
        this.logger = logger;
    }

    public string Kind { get; }

    public async Task<RemoteWorkHandle> StartAsync(
        RemoteWorkRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var parameters = StepParameters.Parse(Kind, request.ParametersJson);
        var location = new DataflowLocation(
            parameters.Required("project"),
            parameters.Required("location"));
        var name = DataflowJobName.For(
            RemoteWorkKey.Of(request),
            parameters.Optional("jobNamePrefix") ?? request.StepId);
        var settings = Settings(parameters, location);

        var existing = await FindNewestAsync(location, "ALL", name, cancellationToken);

        if (existing is not null)
        {
            logger.AdoptedRemoteWork(request.TransactionId, request.StepId, name.Value);
            return Handle(existing, location, name, settings, adopted: true);
        }

        DataflowJob? launched;

        try
        {
            launched = await LaunchAsync(parameters, location, name, cancellationToken);
        }
        catch (TransientRemoteException)
        {
            // The launch may have taken effect even though its answer was lost.
            logger.ReconcilingAfterFailedCreate(request.TransactionId, request.StepId, name.Value);
            var found = await FindNewestAsync(location, "ALL", name, cancellationToken);

            if (found is null)
            {
                throw;
            }

            return Handle(found, location, name, settings, adopted: true);
        }

        if (launched is not null)
        {
            return Handle(launched, location, name, settings, adopted: false);
        }

        logger.AdoptingAfterConflict(request.TransactionId, request.StepId, name.Value);
        var active = await FindNewestAsync(location, "ACTIVE", name, cancellationToken)
            ?? throw new TransientRemoteException(
                $"Dataflow answered 409 ALREADY_EXISTS for job {name} in {location}, but no "
                + "active job of that name is listed yet; try again.",
                statusCode: 409);

        return Handle(active, location, name, settings, adopted: true);
    }

    public async Task<RemoteWorkStatus> GetStatusAsync(
        RemoteWorkHandle handle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);

        var (location, jobId) = Address(handle);
        var job = await client.GetJobAsync(location, jobId, cancellationToken);

        return StatusOf(job, handle.Settings);
    }

    /// <summary>
    /// Cancels the job, or drains it when <paramref name="drain"/> (or the step's
    /// <c>onCancel: drain</c>) asks for it and the job is streaming. Finished jobs are left alone.
    /// </summary>
    public async Task StopAsync(
        RemoteWorkHandle handle,
        bool drain,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);

        var (location, jobId) = Address(handle);
        var job = await client.GetJobAsync(location, jobId, cancellationToken);
        var drains = (drain || Setting(handle.Settings, OnCancelSetting) == "drain")
            && IsStreaming(job, handle.Settings);

        if (job.IsTerminal || AlreadyStopping(job, drains))
        {
            logger.StopFoundFinishedWork(handle.ResourceName, job.CurrentState ?? "unknown");
            return;
        }

        var requested = drains ? "JOB_STATE_DRAINED" : "JOB_STATE_CANCELLED";

        try
        {
            await client.RequestStateAsync(location, jobId, requested, cancellationToken);
        }
        catch (PermanentRemoteException refused) when (refused.StatusCode is >= 400 and < 500)
        {
            // The job may have finished between the read and the update.
            var current = await client.GetJobAsync(location, jobId, cancellationToken);

            if (!current.IsTerminal)
            {
                throw;
            }

            logger.StopFoundFinishedWork(handle.ResourceName, current.CurrentState ?? "unknown");
        }
    }

    /// <summary>
    /// Reduces a job's state: batch jobs succeed at DONE; streaming jobs (by job type or the
    /// step's <c>streaming</c>) succeed once RUNNING unless <c>succeedWhen</c> is "done", and a
    /// batch job succeeds at RUNNING when <c>succeedWhen</c> is "running".
    /// </summary>
    public static RemoteWorkStatus StatusOf(
        DataflowJob job,
        IReadOnlyDictionary<string, string>? settings)
    {
        ArgumentNullException.ThrowIfNull(job);

        var state = job.CurrentState ?? "JOB_STATE_UNKNOWN";
        var succeedWhen = Setting(settings, SucceedWhenSetting);
        var succeedsRunning = succeedWhen == "running"
            || (succeedWhen is null && IsStreaming(job, settings));

        return state switch
        {
            "JOB_STATE_DONE" => Succeeded(job, state),
            "JOB_STATE_RUNNING" when succeedsRunning => Succeeded(job, state),
            "JOB_STATE_FAILED" => new RemoteWorkStatus(RemoteWorkState.Failed, state,
                Error: $"Dataflow job {job.Name} ({job.Id}) failed; its logs are in the console."),
            "JOB_STATE_CANCELLED" or "JOB_STATE_DRAINED" =>
                new RemoteWorkStatus(RemoteWorkState.Cancelled, state),

            // UPDATED is terminal: the job was replaced by another, which SagaBridge did not
            // start and does not follow.
            "JOB_STATE_UPDATED" => new RemoteWorkStatus(RemoteWorkState.Failed, state,
                Error: $"Dataflow job {job.Name} ({job.Id}) was replaced by job "
                    + $"{job.ReplacedByJobId ?? "(unknown)"} outside SagaBridge."),
            _ => new RemoteWorkStatus(RemoteWorkState.Running, state),
        };
    }

    private Task<DataflowJob?> LaunchAsync(
        StepParameters parameters,
        DataflowLocation location,
        DataflowJobName name,
        CancellationToken cancellationToken)
    {
        var templateParameters = parameters.StringMap("parameters");
        var environment = parameters.Object("environment");

        if (Kind == StepKinds.DataflowFlexTemplate)
        {
            var launch = new FlexTemplateLaunchParameter(
                name.Value,
                parameters.Required("containerSpecGcsPath"),
                templateParameters,
                NullWhenEmpty(parameters.StringMap("launchOptions")),
                environment);

            return client.LaunchFlexTemplateAsync(location, launch, cancellationToken);
        }

        return client.LaunchTemplateAsync(
            location,
            parameters.Required("gcsPath"),
            new TemplateLaunchParameters(name.Value, templateParameters, environment),
            cancellationToken);
    }

    private async Task<DataflowJob?> FindNewestAsync(
        DataflowLocation location,
        string filter,
        DataflowJobName name,
        CancellationToken cancellationToken)
    {
        var jobs = await client.FindJobsAsync(location, filter, name, cancellationToken);

        return jobs.Count == 0 ? null : jobs[0];
    }

    private RemoteWorkHandle Handle(
        DataflowJob job,
        DataflowLocation requested,
        DataflowJobName name,
        Dictionary<string, string> settings,
        bool adopted)
    {
        var location = new DataflowLocation(
            job.ProjectId ?? requested.Project,
            job.Location ?? requested.Location);
        var jobSettings = new Dictionary<string, string>(settings, StringComparer.Ordinal)
        {
            [ProjectSetting] = location.Project,
            [LocationSetting] = location.Location,
            [JobIdSetting] = job.Id,
        };

        return new RemoteWorkHandle(
            Kind,
            location.JobName(job.Id),
            name.Value,
            $"https://console.cloud.google.com/dataflow/jobs/{location.Location}/{job.Id}"
                + $"?project={location.Project}",
            adopted,
            jobSettings);
    }

    private static Dictionary<string, string> Settings(
        StepParameters parameters,
        DataflowLocation location)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ProjectSetting] = location.Project,
            [LocationSetting] = location.Location,
            [StreamingSetting] = parameters.Flag("streaming") ? "true" : "false",
        };

        if (parameters.Optional("succeedWhen") is { } succeedWhen)
        {
            settings[SucceedWhenSetting] = succeedWhen;
        }

        if (parameters.Optional("onCancel") is { } onCancel)
        {
            settings[OnCancelSetting] = onCancel;
        }

        return settings;
    }

    private static (DataflowLocation Location, string JobId) Address(RemoteWorkHandle handle)
    {
        var parts = handle.ResourceName.Split('/');

        if (parts is ["projects", var project, "locations", var location, "jobs", var jobId])
        {
            return (new DataflowLocation(project, location), jobId);
        }

        throw new PermanentRemoteException(
            $"'{handle.ResourceName}' is not a Dataflow job name; expected "
            + "projects/{project}/locations/{location}/jobs/{jobId}.",
            statusCode: null);
    }

    private static bool IsStreaming(
        DataflowJob job,
        IReadOnlyDictionary<string, string>? settings) =>
        job.Type == "JOB_TYPE_STREAMING" || Setting(settings, StreamingSetting) == "true";

    private static bool AlreadyStopping(DataflowJob job, bool drains) =>
        job.CurrentState == "JOB_STATE_CANCELLING"
        || (drains && job.CurrentState == "JOB_STATE_DRAINING");

    private static string? Setting(IReadOnlyDictionary<string, string>? settings, string name) =>
        settings is not null && settings.TryGetValue(name, out var value) ? value : null;

    private static Dictionary<string, string>? NullWhenEmpty(Dictionary<string, string> map) =>
        map.Count == 0 ? null : map;

    private static RemoteWorkStatus Succeeded(DataflowJob job, string state) =>
        new(RemoteWorkState.Succeeded, state, OutputJson: JsonSerializer.Serialize(
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["jobId"] = job.Id,
                ["jobName"] = job.Name,
                ["currentState"] = state,
            }));
}
