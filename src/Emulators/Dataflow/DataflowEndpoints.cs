using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaBridge.Emulators.Http;

namespace SagaBridge.Emulators.Dataflow;

/// <summary>The Dataflow API v1b3, regional forms only.</summary>
internal sealed partial class DataflowEndpoints(EmulatorContext context)
{
    private const string Location = "/v1b3/projects/{project}/locations/{location}";

    private static readonly HashSet<string> FlexRequestFields =
        new(["launchParameter", "validateOnly"], StringComparer.Ordinal);

    private static readonly HashSet<string> FlexParameterFields = new(
        [
            "jobName", "containerSpec", "containerSpecGcsPath", "parameters", "launchOptions",
            "environment", "update", "transformNameMappings",
        ],
        StringComparer.Ordinal);

    private static readonly HashSet<string> ClassicParameterFields = new(
        ["jobName", "parameters", "environment", "update", "transformNameMapping"],
        StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods($"{Location}/flexTemplates:launch", ["POST"], (RequestDelegate)FlexAsync);
        app.MapMethods($"{Location}/templates:launch", ["POST"], (RequestDelegate)ClassicAsync);
        app.MapMethods($"{Location}/jobs", ["GET"], (RequestDelegate)ListAsync);
        app.MapMethods($"{Location}/jobs/{{jobId}}", ["GET"], (RequestDelegate)GetAsync);
        app.MapMethods($"{Location}/jobs/{{jobId}}", ["PUT"], (RequestDelegate)UpdateAsync);
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]{0,1022}[a-z0-9])?$")]
    private static partial Regex JobNamePattern();

    private static string Project(HttpContext http) => (string)http.GetRouteValue("project")!;

    private static string Region(HttpContext http) => (string)http.GetRouteValue("location")!;

    private async Task FlexAsync(HttpContext http)
    {
        var body = await JsonAnswer.ReadObjectAsync(http);
        DataflowLaunch launch;
        try
        {
            launch = ReadFlex(http, body);
        }
        catch (WireFormatException e)
        {
            await GoogleErrors.InvalidArgumentAsync(http, e.Message);
            return;
        }

        await LaunchAsync(http, launch);
    }

    private async Task ClassicAsync(HttpContext http)
    {
        var body = await JsonAnswer.ReadObjectAsync(http);
        DataflowLaunch launch;
        try
        {
            launch = ReadClassic(http, body);
        }
        catch (WireFormatException e)
        {
            await GoogleErrors.InvalidArgumentAsync(http, e.Message);
            return;
        }

        await LaunchAsync(http, launch);
    }

    private static DataflowLaunch ReadFlex(HttpContext http, JsonObject? body)
    {
        if (body is null)
        {
            throw new WireFormatException("The request body must be a LaunchFlexTemplateRequest.");
        }

        JsonAnswer.RejectUnknownFields(body, string.Empty, FlexRequestFields);
        if (body["launchParameter"] is not JsonObject parameter)
        {
            throw new WireFormatException("launchParameter is required.");
        }

        JsonAnswer.RejectUnknownFields(parameter, "launch_parameter", FlexParameterFields);
        var template = JsonAnswer.String(parameter, "containerSpecGcsPath", "launch_parameter")
            ?? (parameter["containerSpec"] is JsonObject ? "inline-container-spec" : null)
            ?? throw new WireFormatException(
                "launch_parameter.container_spec_gcs_path or container_spec is required.");
        JsonAnswer.StringMap(parameter, "launchOptions", "launch_parameter");

        var validateOnly = body["validateOnly"] is JsonValue flag
            && flag.TryGetValue<bool>(out var value)
            && value;

        return ReadLaunch(http, parameter, "launch_parameter", template, validateOnly);
    }

    private static DataflowLaunch ReadClassic(HttpContext http, JsonObject? body)
    {
        if (body is null)
        {
            throw new WireFormatException("The request body must be LaunchTemplateParameters.");
        }

        JsonAnswer.RejectUnknownFields(body, "launch_parameters", ClassicParameterFields);
        var template = (string?)http.Request.Query["gcsPath"];
        if (string.IsNullOrEmpty(template))
        {
            throw new WireFormatException("gcsPath is required for a classic template launch.");
        }

        var validateOnly = string.Equals(
            http.Request.Query["validateOnly"],
            "true",
            StringComparison.OrdinalIgnoreCase);

        return ReadLaunch(http, body, "launch_parameters", template, validateOnly);
    }

    private static DataflowLaunch ReadLaunch(
        HttpContext http,
        JsonObject parameter,
        string path,
        string template,
        bool validateOnly)
    {
        var jobName = JsonAnswer.String(parameter, "jobName", path);
        if (string.IsNullOrEmpty(jobName))
        {
            throw new WireFormatException($"{path}.job_name is required.");
        }

        if (!JobNamePattern().IsMatch(jobName))
        {
            throw new WireFormatException(
                $"The job name '{jobName}' is invalid: it must match "
                + "[a-z]([-a-z0-9]{0,1022}[a-z0-9])?");
        }

        var parameters = JsonAnswer.StringMap(parameter, "parameters", path);
        var environment = parameter["environment"] as JsonObject ?? [];
        var labels = JsonAnswer.StringMap(
            environment,
            "additionalUserLabels",
            $"{path}.environment");

        return new DataflowLaunch(
            Project(http),
            Region(http),
            jobName,
            template,
            AsksForStreaming(parameters, environment),
            labels,
            validateOnly);
    }

    private static bool AsksForStreaming(
        Dictionary<string, string> parameters,
        JsonObject environment)
    {
        var streamingParameter = parameters.TryGetValue("streaming", out var value)
            && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        var streamingEngine = environment["enableStreamingEngine"] is JsonValue engine
            && engine.TryGetValue<bool>(out var enabled)
            && enabled;

        return streamingParameter || streamingEngine || environment["streamingMode"] is not null;
    }

    private async Task LaunchAsync(HttpContext http, DataflowLaunch launch)
    {
        var target = DataflowJob.DataflowTarget(launch.Template);
        var script = context.Scripts.Get(target);
        if (script.Forbidden)
        {
            await GoogleErrors.PermissionDeniedAsync(http, $"projects/{launch.ProjectId}");
            return;
        }

        if (launch.ValidateOnly)
        {
            await JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, new JsonObject());
            return;
        }

        await context.DelayCreateAsync(script);

        DataflowJob? job = null;
        var lose = false;
        JsonObject? answer = null;
        lock (context.Store.Gate)
        {
            var active = context.Store.DataflowJobs.Exists(j =>
                j.ProjectId == launch.ProjectId
                && j.Location == launch.Location
                && j.Name == launch.JobName
                && !j.IsTerminal);
            if (!active)
            {
                var now = context.Now;
                var sequence = context.Store.NextSequence();
                var decision = context.Scripts.DecideCreate(target);
                job = new DataflowJob(
                    sequence,
                    decision,
                    launch,
                    DataflowJob.NewId(now, sequence),
                    now);
                context.Store.DataflowJobs.Add(job);
                lose = context.CountCreate(job, decision);
                answer = new JsonObject { ["job"] = job.ToJson() };
            }
        }

        if (job is null || answer is null)
        {
            await GoogleErrors.WriteAsync(
                http,
                StatusCodes.Status409Conflict,
                "ALREADY_EXISTS",
                $"(dataflow): There is already an active job named {launch.JobName}. If you "
                    + "want to submit a second job, try again by setting a different name.");
            return;
        }

        context.Logger.Created("Dataflow job", job.Id, target);
        if (lose)
        {
            context.LoseAnswer(http, job.Id);
            return;
        }

        await JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, answer);
    }

    private async Task GetAsync(HttpContext http)
    {
        var id = (string)http.GetRouteValue("jobId")!;
        JsonObject? answer = null;
        var forbidden = false;
        lock (context.Store.Gate)
        {
            var job = Find(http, id);
            if (job is not null)
            {
                forbidden = context.Scripts.Get(job.Target).Forbidden;
                if (!forbidden)
                {
                    var before = job.CurrentState;
                    job.CountRead(context.Now);
                    LogChange(job, before);
                }

                answer = job.ToJson();
            }
        }

        await AnswerAsync(http, id, answer, forbidden);
    }

    private async Task UpdateAsync(HttpContext http)
    {
        var id = (string)http.GetRouteValue("jobId")!;
        var body = await JsonAnswer.ReadObjectAsync(http);
        string? requested;
        try
        {
            requested = body is null ? null : JsonAnswer.String(body, "requestedState", "job");
        }
        catch (WireFormatException e)
        {
            await GoogleErrors.InvalidArgumentAsync(http, e.Message);
            return;
        }

        if (requested is not (DataflowJob.Cancelled or DataflowJob.Drained))
        {
            await GoogleErrors.InvalidArgumentAsync(
                http,
                "requestedState must be JOB_STATE_CANCELLED or JOB_STATE_DRAINED; "
                    + $"found '{requested}'.");
            return;
        }

        string? refusal = null;
        JsonObject? answer = null;
        var forbidden = false;
        lock (context.Store.Gate)
        {
            var job = Find(http, id);
            if (job is not null)
            {
                forbidden = context.Scripts.Get(job.Target).Forbidden;
                refusal = forbidden ? null : Refusal(job, requested);
                if (!forbidden && refusal is null)
                {
                    job.Request(requested, context.Now);
                    context.Logger.StateChanged(job.Id, job.CurrentState);
                }

                answer = job.ToJson();
            }
        }

        if (refusal is not null)
        {
            await GoogleErrors.FailedPreconditionAsync(http, refusal);
            return;
        }

        await AnswerAsync(http, id, answer, forbidden);
    }

    private static string? Refusal(DataflowJob job, string requested)
    {
        if (job.IsTerminal)
        {
            return $"Workflow modification failed. Causes: job {job.Id} is already in the "
                + $"terminal state {job.CurrentState}.";
        }

        if (requested == DataflowJob.Drained && !job.Streaming)
        {
            return $"Workflow modification failed. Causes: job {job.Id} is a batch job; only "
                + "streaming jobs can be drained.";
        }

        return job.CurrentState == DataflowJob.Cancelling && requested == DataflowJob.Drained
            ? $"Workflow modification failed. Causes: job {job.Id} is being cancelled."
            : null;
    }

    private async Task ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        Paging paging;
        try
        {
            paging = Paging.Parse(query["pageSize"], query["pageToken"], maxPageSize: 1000);
        }
        catch (WireFormatException e)
        {
            await GoogleErrors.InvalidArgumentAsync(http, e.Message);
            return;
        }

        Func<DataflowJob, bool>? byState = ((string?)query["filter"]) switch
        {
            null or "" or "ALL" or "UNKNOWN" => _ => true,
            "ACTIVE" => j => !j.IsTerminal,
            "TERMINATED" => j => j.IsTerminal,
            _ => null,
        };
        if (byState is null)
        {
            await GoogleErrors.InvalidArgumentAsync(
                http,
                $"Invalid value for filter: '{query["filter"]}'.");
            return;
        }

        var name = (string?)query["name"];
        JsonObject answer;
        lock (context.Store.Gate)
        {
            var matching = context.Store.DataflowJobs
                .Where(j => j.ProjectId == Project(http) && j.Location == Region(http))
                .Where(j => string.IsNullOrEmpty(name) || j.Name == name)
                .Where(byState)
                .OrderByDescending(j => j.Sequence)
                .ToList();
            answer = paging.Answer(matching, "jobs", j => j.ToJson());
        }

        await JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, answer);
    }

    private DataflowJob? Find(HttpContext http, string id) =>
        context.Store.DataflowJobs.Find(j =>
            j.Id == id && j.ProjectId == Project(http) && j.Location == Region(http));

    private void LogChange(DataflowJob job, string before)
    {
        if (job.CurrentState != before)
        {
            context.Logger.StateChanged(job.Id, job.CurrentState);
        }
    }

    private static Task AnswerAsync(HttpContext http, string id, JsonObject? answer, bool forbidden)
    {
        if (forbidden)
        {
            return GoogleErrors.PermissionDeniedAsync(http, $"jobs/{id}");
        }

        return answer is null
            ? GoogleErrors.NotFoundAsync(
                http,
                $"(dataflow): Information about job {id} could not be found in our system.")
            : JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, answer);
    }
}
