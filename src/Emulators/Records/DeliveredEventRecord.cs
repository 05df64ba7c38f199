namespace SagaBridge.Emulators.Records;

/// <summary>One Event Grid event the emulator posted to the configured endpoint.</summary>
/// <param name="Id">The event id (a duplicate delivery repeats it).</param>
/// <param name="EventType">For example Microsoft.MachineLearningServices.RunCompleted.</param>
/// <param name="RunId">The run the event is about.</param>
/// <param name="RunType">azureml.PipelineRun for the parent, azureml.StepRun for a child.</param>
/// <param name="RunStatus">The run status the event carries.</param>
/// <param name="HttpStatus">The endpoint's answer, or 0 when it could not be reached.</param>
public sealed record DeliveredEventRecord(
    string Id,
    string EventType,
    string RunId,
    string RunType,
    string RunStatus,
    int HttpStatus);
