using System.Globalization;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Configuration;
using SagaBridge.Activities.Credentials;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Rest;

namespace SagaBridge.Activities.Dataflow;

/// <summary>
/// The Dataflow v1b3 API over HTTP, regional endpoints only. Reads are retried on transient
/// failures; launches and state changes are sent once.
/// </summary>
public sealed class DataflowClient
{
    private const int ListPageSize = 100;

    private const int MaxListPages = 20;

    private static readonly int[] Conflict = [409];

    private readonly RemoteApiCaller caller;

    /// <param name="http">
    /// Its base address is the API root, for example <c>https://dataflow.googleapis.com/</c>.
    /// </param>
    /// <param name="tokens">Google access tokens.</param>
    /// <param name="retry">How reads are retried.</param>
    /// <param name="logger">Receives retry warnings.</param>
    /// <param name="time">Clock for backoff waits; the system clock when null.</param>
    public DataflowClient(
        HttpClient http,
        IAccessTokenSource tokens,
        RemoteCallRetryOptions retry,
        ILogger<DataflowClient> logger,
        TimeProvider? time = null)
    {
        caller = new RemoteApiCaller(http, tokens, retry, time ?? TimeProvider.System, logger);
    }

    /// <summary>
    /// Launches a flex template. Returns null when an active job of that name already exists
    /// (409 ALREADY_EXISTS): find it with <see cref="FindJobsAsync"/>.
    /// </summary>
    public async Task<DataflowJob?> LaunchFlexTemplateAsync(
        DataflowLocation location,
        FlexTemplateLaunchParameter launchParameter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(launchParameter);

        var operation = $"Dataflow flexTemplates.launch of {launchParameter.JobName} in {location}";
        var call = new RemoteCall(
            operation,
            HttpMethod.Post,
            $"v1b3/{location.Path}/flexTemplates:launch",
            new FlexTemplateLaunchBody(launchParameter, ValidateOnly: false),
            HandledStatuses: Conflict);

        return LaunchedJob(operation, await caller.SendAsync(call, cancellationToken));
    }

    /// <summary>
    /// Launches a classic template stored at <paramref name="gcsPath"/>. Returns null when an
    /// active job of that name already exists (409 ALREADY_EXISTS).
    /// </summary>
    public async Task<DataflowJob?> LaunchTemplateAsync(
        DataflowLocation location,
        string gcsPath,
        TemplateLaunchParameters parameters,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentException.ThrowIfNullOrWhiteSpace(gcsPath);
        ArgumentNullException.ThrowIfNull(parameters);

        var operation = $"Dataflow templates.launch of {parameters.JobName} in {location}";
        var query = RestPath.Query(("gcsPath", gcsPath), ("validateOnly", "false"));
        var call = new RemoteCall(
            operation,
            HttpMethod.Post,
            $"v1b3/{location.Path}/templates:launch{query}",
            new TemplateLaunchBody(parameters.JobName, parameters.Parameters,
                parameters.Environment),
            HandledStatuses: Conflict);

        return LaunchedJob(operation, await caller.SendAsync(call, cancellationToken));
    }

    /// <summary>Reads a job's summary.</summary>
    public async Task<DataflowJob> GetJobAsync(
        DataflowLocation location,
        string jobId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);

        var operation = $"Dataflow jobs.get on {location.JobName(jobId)}";
        var response = await caller.SendAsync(
            new RemoteCall(
                operation,
                HttpMethod.Get,
                $"v1b3/{location.Path}/jobs/{Uri.EscapeDataString(jobId)}"
                    + RestPath.Query(("view", "JOB_VIEW_SUMMARY")),
                IsRead: true),
            cancellationToken);

        return response.Read<DataflowJob>(operation);
    }

    /// <summary>One page of jobs; <paramref name="filter"/> is ALL, ACTIVE or TERMINATED.</summary>
    public async Task<DataflowJobPage> ListJobsAsync(
        DataflowLocation location,
        string filter,
        string? name,
        string? pageToken,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentException.ThrowIfNullOrWhiteSpace(filter);

        var operation = $"Dataflow jobs.list in {location}";
        var query = RestPath.Query(
            ("filter", filter),
            ("name", name),
            ("pageSize", ListPageSize.ToString(CultureInfo.InvariantCulture)),
            ("pageToken", string.IsNullOrEmpty(pageToken) ? null : pageToken));

        var response = await caller.SendAsync(
            new RemoteCall(operation, HttpMethod.Get, $"v1b3/{location.Path}/jobs{query}",
                IsRead: true),
            cancellationToken);

        return response.Read<DataflowJobPage>(operation);
    }

    /// <summary>
    /// Every job named <paramref name="name"/> under <paramref name="filter"/>, newest first.
    /// </summary>
    public async Task<IReadOnlyList<DataflowJob>> FindJobsAsync(
        DataflowLocation location,
        string filter,
        DataflowJobName name,
        CancellationToken cancellationToken)
    {
        var found = new List<DataflowJob>();
        string? pageToken = null;

        for (var page = 0; page < MaxListPages; page++)
        {
            var jobs = await ListJobsAsync(location, filter, name.Value, pageToken,
                cancellationToken);

            // The name filter is applied again here in case a server ignores it.
            found.AddRange(jobs.Jobs?.Where(job => job.Name == name.Value) ?? []);
            pageToken = jobs.NextPageToken;

            if (string.IsNullOrEmpty(pageToken))
            {
                break;
            }
        }

        // Limitation: past 20 pages the search stops; names are unique per piece of work, so
        // only a server ignoring the name filter in a busy project gets that far. Following
        // every page (with the reads' quota in mind) would lift it.
        return [.. found.OrderByDescending(job => CreatedAt(job))];
    }

    /// <summary>
    /// Asks for <c>JOB_STATE_CANCELLED</c> or <c>JOB_STATE_DRAINED</c>. A finished job
    /// refuses with a 4xx <see cref="PermanentRemoteException"/>.
    /// </summary>
    public async Task<DataflowJob> RequestStateAsync(
        DataflowLocation location,
        string jobId,
        string requestedState,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedState);

        var operation = $"Dataflow jobs.update to {requestedState} on {location.JobName(jobId)}";
        var response = await caller.SendAsync(
            new RemoteCall(
                operation,
                HttpMethod.Put,
                $"v1b3/{location.Path}/jobs/{Uri.EscapeDataString(jobId)}",
                new RequestedStateBody(requestedState)),
            cancellationToken);

        return response.Read<DataflowJob>(operation);
    }

    private static DataflowJob? LaunchedJob(string operation, RemoteResponse response)
    {
        if (response.StatusCode == 409)
        {
            var status = response.Error?.Status;

            return status is null or "ALREADY_EXISTS"
                ? null
                : throw RemoteApiCaller.Failure(operation, response);
        }

        return response.Read<LaunchAnswer>(operation).Job
            ?? throw new PermanentRemoteException(
                $"{operation} answered HTTP {response.StatusCode} without a job.",
                response.StatusCode);
    }

    private static DateTimeOffset CreatedAt(DataflowJob job) =>
        DateTimeOffset.TryParse(job.CreateTime, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var created)
            ? created
            : DateTimeOffset.MinValue;

    private sealed record FlexTemplateLaunchBody(
        FlexTemplateLaunchParameter LaunchParameter,
        bool ValidateOnly);

    private sealed record TemplateLaunchBody(
        string JobName,
        IReadOnlyDictionary<string, string>? Parameters,
        System.Text.Json.Nodes.JsonObject? Environment);

    private sealed record RequestedStateBody(string RequestedState);

    private sealed record LaunchAnswer(DataflowJob? Job);
}
