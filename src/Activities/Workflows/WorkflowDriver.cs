using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Steps;

namespace SagaBridge.Activities.Workflows;

/// <summary>
/// Runs <see cref="StepKinds.Workflow"/> steps as Cloud Workflows executions. Each execution
/// carries the <see cref="WorkflowExecutionLabel"/> of its work, and a start lists by that
/// label before it creates, so a repeated start adopts the execution instead of running the
/// workflow twice.
/// </summary>
public sealed class WorkflowDriver(
    WorkflowExecutionsClient client,
    ILogger<WorkflowDriver> logger) : IRemoteWorkDriver
{
    /// <summary>
    /// The argument property that carries the step's callback URL into the workflow.
    /// </summary>
    public const string CallbackUrlArgument = "sagabridgeCallbackUrl";

    public string Kind => StepKinds.Workflow;

    public async Task<RemoteWorkHandle> StartAsync(
        RemoteWorkRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var parameters = StepParameters.Parse(Kind, request.ParametersJson);
        var workflow = new WorkflowResource(
            parameters.Required("project"),
            parameters.Required("location"),
            parameters.Required("workflow"));
        var label = WorkflowExecutionLabel.For(RemoteWorkKey.Of(request));

        var existing = await client.FindAsync(workflow, label, cancellationToken);

        if (existing is not null)
        {
            logger.AdoptedRemoteWork(request.TransactionId, request.StepId, existing.Name);
            return Handle(existing, label, adopted: true);
        }

        var execution = new NewWorkflowExecution(
            Argument(parameters, request.CallbackUrl),
            parameters.Optional("callLogLevel"),
            Labels(parameters, label, request.StepId));

        try
        {
            var created = await client.CreateAsync(workflow, execution, cancellationToken);
            return Handle(created, label, adopted: false);
        }
        catch (TransientRemoteException)
        {
            // The create may have taken effect even though its answer was lost.
            logger.ReconcilingAfterFailedCreate(request.TransactionId, request.StepId, label.Value);
            var found = await client.FindAsync(workflow, label, cancellationToken);

            if (found is null)
            {
                throw;
            }

            return Handle(found, label, adopted: true);
        }
    }

    public async Task<RemoteWorkStatus> GetStatusAsync(
        RemoteWorkHandle handle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);

        var execution = await client.GetAsync(handle.ResourceName, cancellationToken);

        return StatusOf(execution);
    }

    public async Task StopAsync(
        RemoteWorkHandle handle,
        bool drain,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);

        try
        {
            await client.CancelAsync(handle.ResourceName, cancellationToken);
        }
        catch (PermanentRemoteException refused) when (refused.StatusCode is >= 400 and < 500)
        {
            // Cancelling a finished execution is refused; that is the outcome a stop wants.
            var execution = await client.GetAsync(handle.ResourceName, cancellationToken);
            var status = StatusOf(execution);

            if (!status.IsFinished)
            {
                throw;
            }

            logger.StopFoundFinishedWork(handle.ResourceName, status.RemoteState);
        }
    }

    /// <summary>Reduces an execution's state to a <see cref="RemoteWorkStatus"/>.</summary>
    public static RemoteWorkStatus StatusOf(WorkflowExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);

        var state = execution.State ?? "STATE_UNSPECIFIED";

        return state switch
        {
            "SUCCEEDED" => new RemoteWorkStatus(RemoteWorkState.Succeeded, state,
                OutputJson: ResultJson(execution)),
            "FAILED" => new RemoteWorkStatus(RemoteWorkState.Failed, state,
                Error: ErrorText(execution.Error) ?? "The execution failed without an error."),
            "CANCELLED" => new RemoteWorkStatus(RemoteWorkState.Cancelled, state,
                Error: ErrorText(execution.Error)),
            "UNAVAILABLE" => new RemoteWorkStatus(RemoteWorkState.Failed, state,
                Error: "The execution's data is unavailable: "
                    + (execution.StateError?.Details ?? "no details given")),
            _ => new RemoteWorkStatus(RemoteWorkState.Running, state),
        };
    }

    private static string? Argument(StepParameters parameters, string? callbackUrl)
    {
        var argument = parameters.Node("argument");

        if (callbackUrl is not null)
        {
            argument ??= new JsonObject();

            if (argument is not JsonObject arguments)
            {
                throw new PermanentRemoteException(
                    $"Step of kind {StepKinds.Workflow}: parameter 'argument' must be a JSON "
                    + "object when the step has a callback URL, so the URL can be passed as "
                    + $"'{CallbackUrlArgument}'.",
                    statusCode: null);
            }

            arguments[CallbackUrlArgument] = callbackUrl;
        }

        return argument?.ToJsonString();
    }

    private static Dictionary<string, string> Labels(
        StepParameters parameters,
        WorkflowExecutionLabel label,
        string stepId)
    {
        var labels = parameters.StringMap("labels");
        labels[WorkflowExecutionLabel.Key] = label.Value;
        labels[WorkflowExecutionLabel.StepKey] = WorkflowExecutionLabel.StepValue(stepId);

        return labels;
    }

    private static RemoteWorkHandle Handle(
        WorkflowExecution execution,
        WorkflowExecutionLabel label,
        bool adopted) =>
        new(StepKinds.Workflow, execution.Name, label.Value, ConsoleUrl(execution.Name), adopted);

    private static string? ConsoleUrl(string executionName)
    {
        var parts = executionName.Split('/');

        if (parts is not ["projects", var project, "locations", var location, "workflows",
            var workflow, "executions", var id])
        {
            return null;
        }

        return $"https://console.cloud.google.com/workflows/workflow/{location}/{workflow}"
            + $"/execution/{id}?project={project}";
    }

    private static string ResultJson(WorkflowExecution execution)
    {
        if (string.IsNullOrEmpty(execution.Result))
        {
            return "null";
        }

        // The API wraps the workflow's return value in a JSON string; the step's output is the
        // value itself. A result that is not JSON is kept as a JSON string.
        try
        {
            using var document = JsonDocument.Parse(execution.Result);
            return execution.Result;
        }
        catch (JsonException)
        {
            return JsonSerializer.Serialize(execution.Result);
        }
    }

    private static string? ErrorText(WorkflowExecutionError? error) =>
        (error?.Payload, error?.Context) switch
        {
            (null or "", null or "") => null,
            (var payload, null or "") => payload,
            (null or "", var context) => context,
            var (payload, context) => $"{payload} ({context})",
        };
}
