namespace SagaBridge.Activities.Steps;

/// <summary>The parameters of every step kind SagaBridge can run.</summary>
public static class StepKindCatalog
{
    private static readonly string[] AnyValue = [];

    private static readonly StepParameterSpec[] GoogleLocation =
    [
        Required("project", "Google Cloud project id."),
        Required("location", "Region, for example europe-west4."),
    ];

    private static readonly StepParameterSpec[] DataflowCommon =
    [
        .. GoogleLocation,
        Optional("parameters", ParameterType.StringMap, "Template parameters."),
        Optional("environment", ParameterType.Object, "Runtime environment of the job."),
        Optional("jobNamePrefix", ParameterType.String, "Readable start of the job name."),
        Optional(
            "streaming",
            ParameterType.Boolean,
            "Whether the template starts a streaming job."),
        Choice("succeedWhen", "When the step counts as done.", "done", "running"),
        Choice("onCancel", "How a running job is stopped.", "cancel", "drain"),
    ];

    /// <summary>Every kind, by name.</summary>
    public static IReadOnlyDictionary<string, StepKindSpec> All { get; } =
        new Dictionary<string, StepKindSpec>(StringComparer.Ordinal)
        {
            [StepKinds.Workflow] = new(
                StepKinds.Workflow,
                [
                    .. GoogleLocation,
                    Required("workflow", "Workflow id inside the project and location."),
                    Optional("argument", ParameterType.Any, "Runtime argument of the execution."),
                    Choice("callLogLevel", "Call logging.", "CALL_LOG_LEVEL_UNSPECIFIED",
                        "LOG_ALL_CALLS", "LOG_ERRORS_ONLY", "LOG_NONE"),
                    Optional("labels", ParameterType.StringMap, "Extra execution labels."),
                    Choice("completion", "How completion is learned.", "poll", "webhook"),
                ]),
            [StepKinds.DataflowFlexTemplate] = new(
                StepKinds.DataflowFlexTemplate,
                [
                    .. DataflowCommon,
                    Required("containerSpecGcsPath", "gs:// path of the flex template spec."),
                    Optional("launchOptions", ParameterType.StringMap, "Flex launch options."),
                ]),
            [StepKinds.DataflowTemplate] = new(
                StepKinds.DataflowTemplate,
                [
                    .. DataflowCommon,
                    Required("gcsPath", "gs:// path of the classic template."),
                ]),
            [StepKinds.AzureMlPipeline] = new(
                StepKinds.AzureMlPipeline,
                [
                    Required("subscriptionId", "Azure subscription id."),
                    Required("resourceGroup", "Resource group of the workspace."),
                    Required("workspace", "Azure Machine Learning workspace name."),
                    new("job", ParameterType.Object, true, AnyValue,
                        "Pipeline job properties: jobs, settings, inputs, outputs, ..."),
                    Choice("completion", "How completion is learned.", "poll", "eventGrid",
                        "webhook"),
                ]),
        };

    /// <summary>Finds a kind, or null when SagaBridge has no such kind.</summary>
    public static StepKindSpec? Find(string kind) => All.GetValueOrDefault(kind);

    private static StepParameterSpec Required(string name, string description) =>
        new(name, ParameterType.String, true, AnyValue, description);

    private static StepParameterSpec Optional(
        string name,
        ParameterType type,
        string description) =>
        new(name, type, false, AnyValue, description);

    private static StepParameterSpec Choice(
        string name,
        string description,
        params string[] values) =>
        new(name, ParameterType.String, false, values, description);
}
