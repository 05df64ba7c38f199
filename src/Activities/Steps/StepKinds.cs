namespace SagaBridge.Activities.Steps;

/// <summary>The step kinds a transaction definition may name, as they appear in JSON.</summary>
public static class StepKinds
{
    public const string Workflow = "gcp.workflow";

    public const string DataflowFlexTemplate = "gcp.dataflow.flexTemplate";

    public const string DataflowTemplate = "gcp.dataflow.template";

    public const string AzureMlPipeline = "azureml.pipeline";
}
