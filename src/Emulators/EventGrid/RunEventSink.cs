using System.Text.Json.Nodes;
using SagaBridge.Emulators.AzureMl;
using SagaBridge.Emulators.Http;

namespace SagaBridge.Emulators.EventGrid;

/// <summary>Turns Azure ML status changes into Event Grid events, as the script asks.</summary>
internal sealed class RunEventSink(EventGridPublisher publisher)
{
    public const string StatusChangedType = "Microsoft.MachineLearningServices.RunStatusChanged";
    public const string CompletedType = "Microsoft.MachineLearningServices.RunCompleted";
    public const string PipelineRun = "azureml.PipelineRun";
    public const string StepRun = "azureml.StepRun";

    /// <summary>Called under the store's lock each time a job's status changes.</summary>
    public void StatusChanged(AzureMlJob job, bool wasRunning, DateTimeOffset now)
    {
        var script = job.Script;
        var batch = new JsonArray();
        var withChild = script.ChildRunEvents;

        if (job.Status == AzureMlJob.Running)
        {
            AddAll(batch, RunEvents(job, job.Address.Name, PipelineRun, job.Status, now));
            if (withChild)
            {
                AddAll(batch, RunEvents(job, job.ChildRunId, StepRun, job.Status, now));
            }
        }
        else
        {
            // A step run ends before the pipeline run that contains it.
            if (withChild && job.IsTerminal)
            {
                AddAll(batch, RunEvents(job, job.ChildRunId, StepRun, job.Status, now));
            }

            AddAll(batch, RunEvents(job, job.Address.Name, PipelineRun, job.Status, now));
        }

        publisher.Publish(batch);
        if (script.DuplicateEvents)
        {
            publisher.Publish(batch);
        }

        if (script.OutOfOrderEvents && job.IsTerminal && wasRunning)
        {
            var stale = new JsonArray(
                Event(job, job.Address.Name, PipelineRun, StatusChangedType,
                    AzureMlJob.Running, job.LastModified.AddSeconds(-1)));
            publisher.Publish(stale);
        }
    }

    private static void AddAll(JsonArray batch, IEnumerable<JsonObject> events)
    {
        foreach (var item in events)
        {
            batch.Add(item);
        }
    }

    private static IEnumerable<JsonObject> RunEvents(
        AzureMlJob job,
        string runId,
        string runType,
        string status,
        DateTimeOffset now)
    {
        yield return Event(job, runId, runType, StatusChangedType, status, now);

        if (status == AzureMlJob.Completed)
        {
            yield return Event(job, runId, runType, CompletedType, status, now);
        }
    }

    private static JsonObject Event(
        AzureMlJob job,
        string runId,
        string runType,
        string eventType,
        string status,
        DateTimeOffset time) =>
        new()
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["topic"] = job.Address.WorkspaceId,
            ["subject"] = $"experiments/{job.ExperimentId}/runs/{runId}",
            ["eventType"] = eventType,
            ["eventTime"] = WireFormat.Timestamp(time),
            ["data"] = new JsonObject
            {
                ["experimentId"] = job.ExperimentId,
                ["experimentName"] = job.ExperimentName,
                ["runId"] = runId,
                ["runType"] = runType,
                ["runTags"] = job.RunTags,
                ["runProperties"] = job.RunProperties,
                ["runStatus"] = status,
            },
            ["dataVersion"] = "2",
            ["metadataVersion"] = "1",
        };
}
