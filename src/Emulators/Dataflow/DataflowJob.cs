using System.Globalization;
using System.Text.Json.Nodes;
using SagaBridge.Emulators.Http;
using SagaBridge.Emulators.Records;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Emulators.Dataflow;

/// <summary>One Dataflow job launched from a flex or classic template.</summary>
internal sealed class DataflowJob : ScriptedObject
{
    public const string Pending = "JOB_STATE_PENDING";
    public const string Running = "JOB_STATE_RUNNING";
    public const string Done = "JOB_STATE_DONE";
    public const string Failed = "JOB_STATE_FAILED";
    public const string Cancelling = "JOB_STATE_CANCELLING";
    public const string Cancelled = "JOB_STATE_CANCELLED";
    public const string Draining = "JOB_STATE_DRAINING";
    public const string Drained = "JOB_STATE_DRAINED";

    private static readonly HashSet<string> TerminalStates =
        new([Done, Failed, Cancelled, Drained, "JOB_STATE_UPDATED"], StringComparer.Ordinal);

    private readonly List<string> requestedStates = [];

    public DataflowJob(
        long sequence,
        CreateDecision decision,
        DataflowLaunch launch,
        string id,
        DateTimeOffset now)
        : base(sequence, DataflowTarget(launch.Template), decision, now)
    {
        Id = id;
        ProjectId = launch.ProjectId;
        Location = launch.Location;
        Name = launch.JobName;
        Template = launch.Template;
        Streaming = launch.Streaming || decision.Script.Streaming;
        Labels = launch.Labels;
        CurrentStateTime = now;
        ApplyOutcomeAtCreation(now);
    }

    public string Id { get; }

    public string ProjectId { get; }

    public string Location { get; }

    public string Name { get; }

    public string Template { get; }

    public bool Streaming { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public string CurrentState { get; private set; } = Pending;

    public DateTimeOffset CurrentStateTime { get; private set; }

    public string? RequestedState { get; private set; }

    public override bool IsTerminal => IsTerminalState(CurrentState);

    public static bool IsTerminalState(string state) => TerminalStates.Contains(state);

    public static string DataflowTarget(string template) => $"dataflow:{template}";

    /// <summary>
    /// Makes an id in Dataflow's shape: the UTC launch time, then digits unique per emulator.
    /// </summary>
    public static string NewId(DateTimeOffset now, long sequence) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{now.UtcDateTime:yyyy-MM-dd_HH_mm_ss}-{1_000_000_000_000_000L + sequence}");

    /// <summary>Records a requested state and moves to the matching transitional state.</summary>
    public void Request(string requestedState, DateTimeOffset now)
    {
        requestedStates.Add(requestedState);
        RequestedState = requestedState;
        SetState(requestedState == Drained ? Draining : Cancelling, now);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["projectId"] = ProjectId,
            ["name"] = Name,
            ["type"] = Streaming ? "JOB_TYPE_STREAMING" : "JOB_TYPE_BATCH",
            ["currentState"] = CurrentState,
            ["currentStateTime"] = WireFormat.Timestamp(CurrentStateTime),
        };
        if (RequestedState is not null)
        {
            json["requestedState"] = RequestedState;
        }

        json["createTime"] = WireFormat.Timestamp(CreatedAt);
        json["startTime"] = WireFormat.Timestamp(CreatedAt);
        json["location"] = Location;
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

    public DataflowJobRecord ToRecord() =>
        new(Sequence, Template, Name, Id, CurrentState, [.. requestedStates], CreatedAt);

    protected override void OnRead(DateTimeOffset now, bool outcomeDue)
    {
        switch (CurrentState)
        {
            case Cancelling:
                SetState(Cancelled, now);
                return;
            case Draining:
                SetState(Drained, now);
                return;
        }

        if (!outcomeDue)
        {
            SetState(Running, now);
            return;
        }

        switch (EffectiveOutcome)
        {
            case ScriptOutcome.Fail:
                SetState(Failed, now);
                break;
            case ScriptOutcome.Succeed when !Streaming:
                SetState(Done, now);
                break;
            default:
                // A streaming job has succeeded once it runs; it stops only when asked to.
                SetState(Running, now);
                break;
        }
    }

    private void SetState(string state, DateTimeOffset now)
    {
        if (state == CurrentState)
        {
            return;
        }

        CurrentState = state;
        CurrentStateTime = now;
    }
}
