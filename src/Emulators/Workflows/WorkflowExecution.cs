using System.Text.Json.Nodes;
using SagaBridge.Emulators.Http;
using SagaBridge.Emulators.Records;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Emulators.Workflows;

/// <summary>One execution of a Cloud Workflows workflow.</summary>
internal sealed class WorkflowExecution : ScriptedObject
{
    public const string Active = "ACTIVE";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";

    // The emulator runs one fixed revision of every workflow.
    private const string RevisionId = "000001-a1b";

    public WorkflowExecution(
        long sequence,
        CreateDecision decision,
        string workflowName,
        string workflowId,
        string? argument,
        string callLogLevel,
        IReadOnlyDictionary<string, string> labels,
        DateTimeOffset now)
        : base(sequence, WorkflowTarget(workflowId), decision, now)
    {
        WorkflowId = workflowId;
        Name = $"{workflowName}/executions/{Guid.NewGuid()}";
        Argument = argument;
        CallLogLevel = callLogLevel;
        Labels = labels;
        ApplyOutcomeAtCreation(now);
    }

    public string WorkflowId { get; }

    public string Name { get; }

    public string? Argument { get; }

    public string CallLogLevel { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public string State { get; private set; } = Active;

    public DateTimeOffset? EndTime { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? Result { get; private set; }

    public JsonObject? Error { get; private set; }

    public override bool IsTerminal => State != Active;

    public static string WorkflowTarget(string workflowId) => $"workflow:{workflowId}";

    public void Cancel(DateTimeOffset now)
    {
        CancelledAt = now;
        Finish(Cancelled, now, ErrorOf("Execution cancelled", "CancelledError"));
    }

    public JsonObject ToJson(bool full)
    {
        var json = new JsonObject
        {
            ["name"] = Name,
            ["startTime"] = WireFormat.Timestamp(CreatedAt),
        };
        if (EndTime is { } end)
        {
            json["endTime"] = WireFormat.Timestamp(end);
            json["duration"] = WireFormat.Duration(end - CreatedAt);
        }

        json["state"] = State;
        json["workflowRevisionId"] = RevisionId;
        if (!full)
        {
            return json;
        }

        if (Argument is not null)
        {
            json["argument"] = Argument;
        }

        if (Result is not null)
        {
            json["result"] = Result;
        }

        if (Error is not null)
        {
            json["error"] = Error.DeepClone();
        }

        json["callLogLevel"] = CallLogLevel;
        if (Labels.Count > 0)
        {
            var labels = new JsonObject();
            foreach (var (key, value) in Labels)
            {
                labels[key] = value;
            }

            json["labels"] = labels;
        }

        return json;
    }

    public WorkflowExecutionRecord ToRecord() =>
        new(Sequence, WorkflowId, Name, Labels, Argument, State, CreatedAt, CancelledAt);

    protected override void OnRead(DateTimeOffset now, bool outcomeDue)
    {
        if (!outcomeDue)
        {
            return;
        }

        switch (EffectiveOutcome)
        {
            case ScriptOutcome.Succeed:
                Result = Script.ResultJson ?? "{}";
                Finish(Succeeded, now, error: null);
                break;
            case ScriptOutcome.Fail:
                var message = Script.ErrorMessage ?? "The workflow raised an error.";
                Finish(Failed, now, ErrorOf(message, "RuntimeError"));
                break;
            case ScriptOutcome.RunUntilCancelled:
                break;
        }
    }

    private void Finish(string state, DateTimeOffset now, JsonObject? error)
    {
        State = state;
        EndTime = now;
        Error = error;
    }

    // Workflows reports an error as the JSON text of the raised map plus the failing step.
    private static JsonObject ErrorOf(string message, string tag)
    {
        var payload = new JsonObject
        {
            ["message"] = message,
            ["tags"] = new JsonArray(tag),
        };

        return new JsonObject
        {
            ["payload"] = payload.ToJsonString(),
            ["context"] = "RuntimeError raised in step \"main\"",
        };
    }
}
