using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaBridge.Emulators.Http;

namespace SagaBridge.Emulators.Workflows;

/// <summary>The Cloud Workflows Executions API v1.</summary>
internal sealed class WorkflowsEndpoints(EmulatorContext context)
{
    private const string Workflow =
        "/v1/projects/{project}/locations/{location}/workflows/{workflow}";

    private static readonly HashSet<string> ExecutionFields = new(
        [
            "name", "state", "argument", "result", "error", "startTime", "endTime", "duration",
            "workflowRevisionId", "callLogLevel", "labels", "status", "stateError",
            "disableConcurrencyQuotaOverflowBuffering", "executionHistoryLevel",
        ],
        StringComparer.Ordinal);

    private static readonly HashSet<string> CallLogLevels = new(
        ["CALL_LOG_LEVEL_UNSPECIFIED", "LOG_ALL_CALLS", "LOG_ERRORS_ONLY", "LOG_NONE"],
        StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods($"{Workflow}/executions", ["POST"], (RequestDelegate)CreateAsync);
        app.MapMethods($"{Workflow}/executions", ["GET"], (RequestDelegate)ListAsync);
        app.MapMethods($"{Workflow}/executions/{{id}}", ["GET"], (RequestDelegate)GetAsync);
        app.MapMethods(
            $"{Workflow}/executions/{{id}}:cancel",
            ["POST"],
            (RequestDelegate)CancelAsync);
    }

    private static string WorkflowName(HttpContext http) =>
        $"projects/{http.GetRouteValue("project")}/locations/{http.GetRouteValue("location")}"
        + $"/workflows/{http.GetRouteValue("workflow")}";

    private static string WorkflowId(HttpContext http) => (string)http.GetRouteValue("workflow")!;

    private async Task CreateAsync(HttpContext http)
    {
        var body = await JsonAnswer.ReadObjectAsync(http);
        if (body is null)
        {
            await GoogleErrors.InvalidArgumentAsync(http, "The request body must be an Execution.");
            return;
        }

        string? argument;
        string callLogLevel;
        Dictionary<string, string> labels;
        try
        {
            JsonAnswer.RejectUnknownFields(body, "execution", ExecutionFields);
            argument = JsonAnswer.String(body, "argument", "execution");
            callLogLevel = JsonAnswer.String(body, "callLogLevel", "execution")
                ?? "CALL_LOG_LEVEL_UNSPECIFIED";
            labels = JsonAnswer.StringMap(body, "labels", "execution");
            Validate(argument, callLogLevel);
        }
        catch (WireFormatException e)
        {
            await GoogleErrors.InvalidArgumentAsync(http, e.Message);
            return;
        }

        var workflowId = WorkflowId(http);
        var target = WorkflowExecution.WorkflowTarget(workflowId);
        var script = context.Scripts.Get(target);
        if (script.Forbidden)
        {
            await GoogleErrors.PermissionDeniedAsync(http, WorkflowName(http));
            return;
        }

        await context.DelayCreateAsync(script);

        WorkflowExecution execution;
        bool lose;
        JsonObject answer;
        lock (context.Store.Gate)
        {
            var decision = context.Scripts.DecideCreate(target);
            execution = new WorkflowExecution(
                context.Store.NextSequence(),
                decision,
                WorkflowName(http),
                workflowId,
                argument,
                callLogLevel,
                labels,
                context.Now);
            context.Store.Executions.Add(execution);
            lose = context.CountCreate(execution, decision);
            answer = execution.ToJson(full: true);
        }

        context.Logger.Created("workflow execution", execution.Name, target);
        if (lose)
        {
            context.LoseAnswer(http, execution.Name);
            return;
        }

        await JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, answer);
    }

    private static void Validate(string? argument, string callLogLevel)
    {
        if (!CallLogLevels.Contains(callLogLevel))
        {
            throw new WireFormatException(
                $"Invalid value at 'execution.call_log_level', \"{callLogLevel}\"");
        }

        if (argument is null)
        {
            return;
        }

        try
        {
            JsonNode.Parse(argument);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new WireFormatException(
                "Invalid argument: the execution argument must be a JSON-encoded string.");
        }
    }

    private async Task GetAsync(HttpContext http)
    {
        if (!TryReadView(http, defaultFull: true, out var full))
        {
            await GoogleErrors.InvalidArgumentAsync(http, "Invalid value for view.");
            return;
        }

        var name = $"{WorkflowName(http)}/executions/{http.GetRouteValue("id")}";
        JsonObject? answer = null;
        var forbidden = false;
        lock (context.Store.Gate)
        {
            var execution = Find(name);
            if (execution is not null)
            {
                forbidden = context.Scripts.Get(execution.Target).Forbidden;
                if (!forbidden)
                {
                    var before = execution.State;
                    execution.CountRead(context.Now);
                    LogChange(execution, before);
                }

                answer = execution.ToJson(full);
            }
        }

        await AnswerAsync(http, name, answer, forbidden);
    }

    private async Task CancelAsync(HttpContext http)
    {
        var name = $"{WorkflowName(http)}/executions/{http.GetRouteValue("id")}";
        JsonObject? answer = null;
        var forbidden = false;
        var finished = false;
        lock (context.Store.Gate)
        {
            var execution = Find(name);
            if (execution is not null)
            {
                forbidden = context.Scripts.Get(execution.Target).Forbidden;
                finished = execution.IsTerminal;
                if (!forbidden && !finished)
                {
                    execution.Cancel(context.Now);
                    LogChange(execution, WorkflowExecution.Active);
                }

                answer = execution.ToJson(full: true);
            }
        }

        if (finished && !forbidden)
        {
            await GoogleErrors.FailedPreconditionAsync(
                http,
                $"Cannot cancel execution '{name}': it has already finished.");
            return;
        }

        await AnswerAsync(http, name, answer, forbidden);
    }

    private async Task ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        ExecutionFilter filter;
        Paging paging;
        try
        {
            filter = ExecutionFilter.Parse(query["filter"]);
            paging = Paging.Parse(query["pageSize"], query["pageToken"], maxPageSize: 10000);
        }
        catch (WireFormatException e)
        {
            await GoogleErrors.InvalidArgumentAsync(http, e.Message);
            return;
        }

        if (!TryReadView(http, defaultFull: false, out var full))
        {
            await GoogleErrors.InvalidArgumentAsync(http, "Invalid value for view.");
            return;
        }

        var target = WorkflowExecution.WorkflowTarget(WorkflowId(http));
        if (context.Scripts.Get(target).Forbidden)
        {
            await GoogleErrors.PermissionDeniedAsync(http, WorkflowName(http));
            return;
        }

        var workflowName = WorkflowName(http);
        JsonObject answer;
        lock (context.Store.Gate)
        {
            var matching = context.Store.Executions
                .Where(e => e.Name.StartsWith(workflowName + "/", StringComparison.Ordinal))
                .Where(filter.Matches)
                .OrderByDescending(e => e.Sequence)
                .ToList();
            answer = paging.Answer(matching, "executions", e => e.ToJson(full));
        }

        await JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, answer);
    }

    private static bool TryReadView(HttpContext http, bool defaultFull, out bool full)
    {
        var view = (string?)http.Request.Query["view"];
        full = view switch
        {
            null or "" or "EXECUTION_VIEW_UNSPECIFIED" => defaultFull,
            "FULL" => true,
            "BASIC" => false,
            _ => defaultFull,
        };

        return view is null or "" or "EXECUTION_VIEW_UNSPECIFIED" or "FULL" or "BASIC";
    }

    private WorkflowExecution? Find(string name) =>
        context.Store.Executions.Find(e => e.Name == name);

    private void LogChange(WorkflowExecution execution, string before)
    {
        if (execution.State != before)
        {
            context.Logger.StateChanged(execution.Name, execution.State);
        }
    }

    private static Task AnswerAsync(
        HttpContext http,
        string name,
        JsonObject? answer,
        bool forbidden)
    {
        if (forbidden)
        {
            return GoogleErrors.PermissionDeniedAsync(http, name);
        }

        return answer is null
            ? GoogleErrors.NotFoundAsync(http, $"Resource '{name}' was not found")
            : JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, answer);
    }
}
