using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Steps;

namespace SagaBridge.Activities.AzureMl;

/// <summary>
/// Runs <see cref="StepKinds.AzureMlPipeline"/> steps as Azure ML pipeline jobs named by
/// <see cref="AzureMlJobName"/>. A start reads the job of that name first and adopts it; only
/// when there is none does it submit.
/// </summary>
public sealed class AzureMlPipelineDriver(
    AzureMlJobsClient client,
    ILogger<AzureMlPipelineDriver> logger) : IRemoteWorkDriver
{
    /// <summary>Handle setting: the subscription.</summary>
    public const string SubscriptionSetting = "subscriptionId";

    /// <summary>Handle setting: the resource group.</summary>
    public const string ResourceGroupSetting = "resourceGroup";

    /// <summary>Handle setting: the workspace.</summary>
    public const string WorkspaceSetting = "workspace";

    /// <summary>Handle setting: the job name.</summary>
    public const string JobNameSetting = "jobName";

    /// <summary>Tag carrying the transaction id on every submitted job.</summary>
    public const string TransactionTag = "sagabridge-transaction";

    /// <summary>Tag carrying the step id on every submitted job.</summary>
    public const string StepTag = "sagabridge-step";

    /// <summary>
    /// Pipeline input carrying the signed callback URL when the step asks for
    /// <c>"completion": "webhook"</c>; a last pipeline step binds it as
    /// <c>${{parent.inputs.sagabridge_callback_url}}</c> and POSTs its outcome there.
    /// </summary>
    public const string CallbackUrlInput = "sagabridge_callback_url";

    public string Kind => StepKinds.AzureMlPipeline;

    public async Task<RemoteWorkHandle> StartAsync(
        RemoteWorkRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var parameters = StepParameters.Parse(Kind, request.ParametersJson);
        var workspace = new AzureMlWorkspace(
            parameters.Required("subscriptionId"),
            parameters.Required("resourceGroup"),
            parameters.Required("workspace"));
        var name = AzureMlJobName.For(RemoteWorkKey.Of(request));
        var properties = JobProperties(parameters, request);

        var existing = await client.GetJobAsync(workspace, name.Value, cancellationToken);

        if (existing is not null)
        {
            logger.AdoptedRemoteWork(request.TransactionId, request.StepId, name.Value);
            return Handle(workspace, name, adopted: true);
        }

        try
        {
            await client.CreateOrUpdateJobAsync(workspace, name.Value, properties,
                cancellationToken);
            return Handle(workspace, name, adopted: false);
        }
        catch (TransientRemoteException)
        {
            // The submit may have taken effect even though its answer was lost.
            logger.ReconcilingAfterFailedCreate(request.TransactionId, request.StepId, name.Value);
            var found = await client.GetJobAsync(workspace, name.Value, cancellationToken);

            if (found is null)
            {
                throw;
            }

            return Handle(workspace, name, adopted: true);
        }
    }

    public async Task<RemoteWorkStatus> GetStatusAsync(
        RemoteWorkHandle handle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);

        var (workspace, jobName) = Address(handle);
        var job = await client.GetJobAsync(workspace, jobName, cancellationToken)
            ?? throw new PermanentRemoteException(
                $"Azure ML job {jobName} no longer exists in {workspace}.",
                statusCode: 404);

        return StatusOf(job, jobName);
    }

    public async Task StopAsync(
        RemoteWorkHandle handle,
        bool drain,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);

        var (workspace, jobName) = Address(handle);

        try
        {
            await client.CancelJobAsync(workspace, jobName, cancellationToken);
        }
        catch (PermanentRemoteException refused) when (refused.StatusCode is >= 400 and < 500)
        {
            // A finished job refuses to be cancelled; that is the outcome a stop wants.
            var job = await client.GetJobAsync(workspace, jobName, cancellationToken);
            var status = job is null ? null : StatusOf(job, jobName);

            if (status is null || !status.IsFinished)
            {
                throw;
            }

            logger.StopFoundFinishedWork(handle.ResourceName, status.RemoteState);
        }
    }

    /// <summary>
    /// Reduces a job's status: Completed succeeds with <c>{"jobName","status","outputs"}</c>,
    /// Failed fails, Canceled is cancelled, everything else is still running.
    /// </summary>
    public static RemoteWorkStatus StatusOf(AzureMlJob job, string jobName)
    {
        ArgumentNullException.ThrowIfNull(job);

        var status = job.Status;

        return status switch
        {
            "Completed" => new RemoteWorkStatus(RemoteWorkState.Succeeded, status,
                OutputJson: Output(job, jobName, status)),
            "Failed" => new RemoteWorkStatus(RemoteWorkState.Failed, status,
                Error: $"Azure ML pipeline job {jobName} failed; its step logs are in the studio."),
            "Canceled" => new RemoteWorkStatus(RemoteWorkState.Cancelled, status),
            _ => new RemoteWorkStatus(RemoteWorkState.Running, status),
        };
    }

    private static JsonObject JobProperties(StepParameters parameters, RemoteWorkRequest request)
    {
        var properties = parameters.Object("job")
            ?? throw new PermanentRemoteException(
                $"Step of kind {StepKinds.AzureMlPipeline}: parameter 'job' is required.",
                statusCode: null);

        properties["jobType"] = "Pipeline";

        var tags = properties["tags"] as JsonObject ?? [];
        tags[TransactionTag] = request.TransactionId;
        tags[StepTag] = request.StepId;
        properties["tags"] = tags;

        // An input rather than a tag: tags are copied onto every run event and run list, while
        // inputs are shown only to readers of this job. The URL completes this run only.
        if (request.CallbackUrl is { } callbackUrl)
        {
            var inputs = properties["inputs"] as JsonObject ?? [];
            inputs[CallbackUrlInput] = new JsonObject
            {
                ["jobInputType"] = "literal",
                ["value"] = callbackUrl,
            };
            properties["inputs"] = inputs;
        }

        return properties;
    }

    private RemoteWorkHandle Handle(
        AzureMlWorkspace workspace,
        AzureMlJobName name,
        bool adopted) =>
        new(
            Kind,
            workspace.JobId(name.Value),
            name.Value,
            $"https://ml.azure.com/runs/{name.Value}?wsid={workspace.Id}",
            adopted,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [SubscriptionSetting] = workspace.SubscriptionId,
                [ResourceGroupSetting] = workspace.ResourceGroup,
                [WorkspaceSetting] = workspace.Workspace,
                [JobNameSetting] = name.Value,
            });

    private static (AzureMlWorkspace Workspace, string JobName) Address(RemoteWorkHandle handle)
    {
        var settings = handle.Settings;

        if (settings is not null
            && settings.TryGetValue(SubscriptionSetting, out var subscription)
            && settings.TryGetValue(ResourceGroupSetting, out var resourceGroup)
            && settings.TryGetValue(WorkspaceSetting, out var workspace)
            && settings.TryGetValue(JobNameSetting, out var jobName))
        {
            return (new AzureMlWorkspace(subscription, resourceGroup, workspace), jobName);
        }

        throw new PermanentRemoteException(
            $"The handle of {handle.ResourceName} lacks the Azure ML settings "
            + $"{SubscriptionSetting}, {ResourceGroupSetting}, {WorkspaceSetting} and "
            + $"{JobNameSetting}.",
            statusCode: null);
    }

    private static string Output(AzureMlJob job, string jobName, string status)
    {
        var output = new JsonObject
        {
            ["jobName"] = jobName,
            ["status"] = status,
            ["outputs"] = job.Properties?["outputs"]?.DeepClone(),
        };

        return output.ToJsonString();
    }
}
