using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using SagaBridge.Emulators.Http;

namespace SagaBridge.Emulators.AzureMl;

/// <summary>Azure ML jobs through Azure Resource Manager.</summary>
internal sealed class AzureMlEndpoints(EmulatorContext context)
{
    private const string Job =
        "/subscriptions/{subscription}/resourceGroups/{resourceGroup}"
        + "/providers/Microsoft.MachineLearningServices/workspaces/{workspace}/jobs/{name}";

    private const string CancelOperation =
        "/subscriptions/{subscription}/providers/Microsoft.MachineLearningServices"
        + "/locations/{region}/mfeOperationResults/{operationId}";

    private readonly Dictionary<string, string> cancelOperations = new(StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(Job, ["PUT"], (RequestDelegate)PutAsync);
        app.MapMethods(Job, ["GET"], (RequestDelegate)GetAsync);
        app.MapMethods($"{Job}/cancel", ["POST"], (RequestDelegate)CancelAsync);
        app.MapMethods(CancelOperation, ["GET"], (RequestDelegate)CancelStatusAsync);
    }

    private static AzureMlJobAddress AddressOf(HttpContext http) =>
        new(
            (string)http.GetRouteValue("subscription")!,
            (string)http.GetRouteValue("resourceGroup")!,
            (string)http.GetRouteValue("workspace")!,
            (string)http.GetRouteValue("name")!);

    private async Task PutAsync(HttpContext http)
    {
        var address = AddressOf(http);
        var body = await JsonAnswer.ReadObjectAsync(http);
        if (body?["properties"] is not JsonObject properties)
        {
            await ArmErrors.WriteAsync(
                http,
                StatusCodes.Status400BadRequest,
                "InvalidRequestContent",
                "The request content must be a job resource with a 'properties' object.");
            return;
        }

        if (properties["jobType"] is not JsonValue jobType || !jobType.TryGetValue<string>(out _))
        {
            await ArmErrors.WriteAsync(
                http,
                StatusCodes.Status400BadRequest,
                "UserError",
                "The field 'properties.jobType' is required, for example \"Pipeline\".",
                "properties.jobType");
            return;
        }

        var target = AzureMlJob.TargetOf(properties, address.Name);
        var script = context.Scripts.Get(target);
        if (script.Forbidden)
        {
            await ArmErrors.ForbiddenAsync(http, address.ResourceId);
            return;
        }

        JsonObject? existingJob = null;
        lock (context.Store.Gate)
        {
            if (context.Store.AzureMlJobs.TryGetValue(address.Key, out var existing))
            {
                existingJob = existing.ToJson();
            }
        }

        if (existingJob is not null)
        {
            // The client names the job, so a repeated PUT lands on the job it already created.
            await JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, existingJob);
            return;
        }

        await context.DelayCreateAsync(script);
        await CreateAsync(http, address, properties, target);
    }

    private async Task CreateAsync(
        HttpContext http,
        AzureMlJobAddress address,
        JsonObject properties,
        string target)
    {
        var status = StatusCodes.Status201Created;
        var lose = false;
        JsonObject answer;
        lock (context.Store.Gate)
        {
            if (context.Store.AzureMlJobs.TryGetValue(address.Key, out var existing))
            {
                status = StatusCodes.Status200OK;
                answer = existing.ToJson();
            }
            else
            {
                var experiment = (string?)properties["experimentName"] ?? "Default";
                var decision = context.Scripts.DecideCreate(target);
                var job = new AzureMlJob(
                    context.Store.NextSequence(),
                    decision,
                    address,
                    (JsonObject)properties.DeepClone(),
                    experiment,
                    context.Store.ExperimentId(address.WorkspaceId, experiment),
                    context.RunEvents,
                    context.Now);
                context.Store.AzureMlJobs[address.Key] = job;
                lose = context.CountCreate(job, decision);
                answer = job.ToJson();
            }
        }

        if (status == StatusCodes.Status201Created)
        {
            context.Logger.Created("Azure ML job", address.ResourceId, target);
        }

        if (lose)
        {
            context.LoseAnswer(http, address.ResourceId);
            return;
        }

        await JsonAnswer.WriteAsync(http, status, answer);
    }

    private async Task GetAsync(HttpContext http)
    {
        var address = AddressOf(http);
        JsonObject? answer = null;
        var forbidden = false;
        lock (context.Store.Gate)
        {
            if (context.Store.AzureMlJobs.TryGetValue(address.Key, out var job))
            {
                forbidden = context.Scripts.Get(job.Target).Forbidden;
                if (!forbidden)
                {
                    Read(job);
                }

                answer = job.ToJson();
            }
        }

        await AnswerAsync(http, address, answer, forbidden, StatusCodes.Status200OK);
    }

    private async Task CancelAsync(HttpContext http)
    {
        var address = AddressOf(http);
        var operationId = Guid.NewGuid().ToString();
        JsonObject? answer = null;
        var forbidden = false;
        lock (context.Store.Gate)
        {
            if (context.Store.AzureMlJobs.TryGetValue(address.Key, out var job))
            {
                forbidden = context.Scripts.Get(job.Target).Forbidden;
                if (!forbidden)
                {
                    // Limitation: cancelling a finished job is accepted and changes nothing;
                    // whether the real service answers 202 or an error then is not verified.
                    var before = job.Status;
                    job.RequestCancel(context.Now);
                    LogChange(job, before);
                    cancelOperations[operationId] = address.Key;
                }

                answer = [];
            }
        }

        if (answer is not null && !forbidden)
        {
            var request = http.Request;
            http.Response.Headers.Location =
                $"{request.Scheme}://{request.Host}/subscriptions/{address.Subscription}"
                + "/providers/Microsoft.MachineLearningServices/locations/local"
                + $"/mfeOperationResults/{operationId}?api-version={request.Query["api-version"]}";
            http.Response.Headers.RetryAfter = "1";
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        await AnswerAsync(http, address, answer, forbidden, StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// The cancel operation's status: 202 while the job still has to acknowledge the cancel,
    /// 200 once it has reached a final status.
    /// </summary>
    private async Task CancelStatusAsync(HttpContext http)
    {
        var operationId = (string)http.GetRouteValue("operationId")!;
        bool? done = null;
        lock (context.Store.Gate)
        {
            if (cancelOperations.TryGetValue(operationId, out var key)
                && context.Store.AzureMlJobs.TryGetValue(key, out var job))
            {
                Read(job);
                done = job.IsTerminal;
            }
        }

        switch (done)
        {
            case null:
                await ArmErrors.NotFoundAsync(http, http.Request.Path);
                break;
            case true:
                await JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, new JsonObject());
                break;
            default:
                http.Response.Headers.Location = http.Request.GetEncodedPathAndQuery();
                http.Response.Headers.RetryAfter = "1";
                http.Response.StatusCode = StatusCodes.Status202Accepted;
                break;
        }
    }

    private void Read(AzureMlJob job)
    {
        var before = job.Status;
        job.CountRead(context.Now);
        LogChange(job, before);
    }

    private void LogChange(AzureMlJob job, string before)
    {
        if (job.Status != before)
        {
            context.Logger.StateChanged(job.Address.ResourceId, job.Status);
        }
    }

    private static Task AnswerAsync(
        HttpContext http,
        AzureMlJobAddress address,
        JsonObject? answer,
        bool forbidden,
        int status)
    {
        if (forbidden)
        {
            return ArmErrors.ForbiddenAsync(http, address.ResourceId);
        }

        return answer is null
            ? ArmErrors.NotFoundAsync(http, address.ResourceId)
            : JsonAnswer.WriteAsync(http, status, answer);
    }
}
