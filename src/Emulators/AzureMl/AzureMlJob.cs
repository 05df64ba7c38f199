using System.Text.Json.Nodes;
using SagaBridge.Emulators.EventGrid;
using SagaBridge.Emulators.Http;
using SagaBridge.Emulators.Records;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Emulators.AzureMl;

/// <summary>One Azure ML job (a pipeline parent run) in a workspace.</summary>
internal sealed class AzureMlJob : ScriptedObject
{
    public const string NotStarted = "NotStarted";
    public const string Running = "Running";
    public const string CancelRequestedStatus = "CancelRequested";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Canceled = "Canceled";

    public const string ResourceType = "Microsoft.MachineLearningServices/workspaces/jobs";

    // Statuses a job walks through on its way to Running, one per read.
    private static readonly string[] Startup = ["Starting", "Preparing", "Queued", Running];

    private readonly JsonObject properties;
    private readonly RunEventSink events;

    public AzureMlJob(
        long sequence,
        CreateDecision decision,
        AzureMlJobAddress address,
        JsonObject properties,
        string experimentName,
        string experimentId,
        RunEventSink events,
        DateTimeOffset now)
        : base(sequence, TargetOf(properties, address.Name), decision, now)
    {
        Address = address;
        this.properties = properties;
        this.events = events;
        ExperimentName = experimentName;
        ExperimentId = experimentId;
        ChildRunId = Guid.NewGuid().ToString();
        properties["experimentName"] = experimentName;
        ApplyOutcomeAtCreation(now);
    }

    public AzureMlJobAddress Address { get; }

    public string ExperimentName { get; }

    public string ExperimentId { get; }

    public string ChildRunId { get; }

    public string Status { get; private set; } = NotStarted;

    public DateTimeOffset? CancelRequested { get; private set; }

    public DateTimeOffset LastModified { get; private set; }

    public override bool IsTerminal => Status is Completed or Failed or Canceled;

    /// <summary>The job's tags, which Event Grid carries as <c>runTags</c>.</summary>
    public JsonObject RunTags =>
        (properties["tags"] as JsonObject)?.DeepClone() as JsonObject ?? [];

    /// <summary>The job's <c>properties</c> map, carried by Event Grid as runProperties.</summary>
    public JsonObject RunProperties =>
        (properties["properties"] as JsonObject)?.DeepClone() as JsonObject ?? [];

    /// <summary>
    /// The scripting target of a job: its experiment name, else its display name, else its name.
    /// </summary>
    public static string TargetOf(JsonObject properties, string name)
    {
        var experiment = (string?)properties["experimentName"];
        var display = (string?)properties["displayName"];

        return $"azureml:{experiment ?? display ?? name}";
    }

    public void RequestCancel(DateTimeOffset now)
    {
        if (IsTerminal || Status == CancelRequestedStatus)
        {
            return;
        }

        CancelRequested ??= now;
        SetStatus(CancelRequestedStatus, now);
    }

    public JsonObject ToJson()
    {
        var props = (JsonObject)properties.DeepClone();
        props["status"] = Status;
        if (Status == Completed && Script.ResultJson is not null)
        {
            // Outputs are a map of named outputs; a result that is not an object is left out.
            if (JsonNode.Parse(Script.ResultJson) is JsonObject outputs)
            {
                props["outputs"] = outputs;
            }
        }

        return new JsonObject
        {
            ["id"] = Address.ResourceId,
            ["name"] = Address.Name,
            ["type"] = ResourceType,
            ["properties"] = props,
            ["systemData"] = new JsonObject
            {
                ["createdAt"] = WireFormat.Timestamp(CreatedAt),
                ["createdBy"] = "sagabridge-emulator",
                ["createdByType"] = "Application",
                ["lastModifiedAt"] = WireFormat.Timestamp(LastModified),
            },
        };
    }

    public AzureMlJobRecord ToRecord() =>
        new(Sequence, Address.Name, ExperimentName, Status, CreatedAt, CancelRequested);

    protected override void OnRead(DateTimeOffset now, bool outcomeDue)
    {
        if (Status == CancelRequestedStatus)
        {
            SetStatus(Canceled, now);
            return;
        }

        if (!outcomeDue)
        {
            SetStatus(Startup[Math.Min(Reads, Startup.Length) - 1], now);
            return;
        }

        switch (EffectiveOutcome)
        {
            case ScriptOutcome.Succeed:
                SetStatus(Completed, now);
                break;
            case ScriptOutcome.Fail:
                SetStatus(Failed, now);
                break;
            case ScriptOutcome.RunUntilCancelled:
                SetStatus(Running, now);
                break;
        }
    }

    private void SetStatus(string status, DateTimeOffset now)
    {
        if (status == Status)
        {
            return;
        }

        var wasRunning = Status == Running;
        Status = status;
        LastModified = now;
        events.StatusChanged(this, wasRunning, now);
    }
}
