using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Configuration;
using SagaBridge.Activities.Credentials;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Rest;

namespace SagaBridge.Activities.AzureMl;

/// <summary>
/// Azure Machine Learning jobs through Azure Resource Manager. Reads are retried on transient
/// failures (honouring <c>Retry-After</c>); create and cancel are sent once.
/// </summary>
public sealed class AzureMlJobsClient
{
    private static readonly int[] NotFound = [404];

    private readonly RemoteApiCaller caller;

    private readonly string apiVersion;

    /// <param name="http">
    /// Its base address is ARM's root, for example <c>https://management.azure.com/</c>.
    /// </param>
    /// <param name="tokens">Azure Resource Manager tokens.</param>
    /// <param name="retry">How reads are retried.</param>
    /// <param name="apiVersion">
    /// The <c>api-version</c> of every call, for example 2024-04-01.
    /// </param>
    /// <param name="logger">Receives retry warnings.</param>
    /// <param name="time">Clock for backoff waits; the system clock when null.</param>
    public AzureMlJobsClient(
        HttpClient http,
        IAccessTokenSource tokens,
        RemoteCallRetryOptions retry,
        string apiVersion,
        ILogger<AzureMlJobsClient> logger,
        TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiVersion);

        caller = new RemoteApiCaller(http, tokens, retry, time ?? TimeProvider.System, logger);
        this.apiVersion = apiVersion;
    }

    /// <summary>Reads a job; null when the workspace has no job of that name.</summary>
    public async Task<AzureMlJob?> GetJobAsync(
        AzureMlWorkspace workspace,
        string jobName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);

        var operation = $"Azure ML jobs get of {jobName} in {workspace}";
        var response = await caller.SendAsync(
            new RemoteCall(operation, HttpMethod.Get, JobUrl(workspace, jobName), IsRead: true,
                HandledStatuses: NotFound),
            cancellationToken);

        return response.StatusCode == 404 ? null : response.Read<AzureMlJob>(operation);
    }

    /// <summary>
    /// Creates the job (201), or updates the one of that name (200); <paramref name="properties"/>
    /// becomes the body's <c>properties</c>.
    /// </summary>
    public async Task<AzureMlJob> CreateOrUpdateJobAsync(
        AzureMlWorkspace workspace,
        string jobName,
        JsonObject properties,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        ArgumentNullException.ThrowIfNull(properties);

        var operation = $"Azure ML jobs create of {jobName} in {workspace}";
        var body = new JsonObject { ["properties"] = properties.DeepClone() };
        var response = await caller.SendAsync(
            new RemoteCall(operation, HttpMethod.Put, JobUrl(workspace, jobName), body),
            cancellationToken);

        return response.Read<AzureMlJob>(operation);
    }

    /// <summary>
    /// Asks for the job to be cancelled (typically 202; the cancel completes asynchronously).
    /// A finished job may refuse with a 4xx <see cref="PermanentRemoteException"/>.
    /// </summary>
    public async Task CancelJobAsync(
        AzureMlWorkspace workspace,
        string jobName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);

        var operation = $"Azure ML jobs cancel of {jobName} in {workspace}";
        var path = workspace.JobPath(jobName) + "/cancel"
            + RestPath.Query(("api-version", apiVersion));

        await caller.SendAsync(new RemoteCall(operation, HttpMethod.Post, path), cancellationToken);
    }

    private string JobUrl(AzureMlWorkspace workspace, string jobName) =>
        workspace.JobPath(jobName) + RestPath.Query(("api-version", apiVersion));
}
