namespace SagaBridge.Emulators.Scripting;

/// <summary>How remote work created for a scripted target ends.</summary>
public enum ScriptOutcome
{
    /// <summary>
    /// The work succeeds: a workflow execution SUCCEEDED, a batch Dataflow job DONE (a streaming
    /// job stays RUNNING, which is success for streaming), an Azure ML job Completed.
    /// </summary>
    Succeed,

    /// <summary>The work fails with <see cref="EmulatorScript.ErrorMessage"/>.</summary>
    Fail,

    /// <summary>The work keeps running until someone cancels (or drains) it.</summary>
    RunUntilCancelled,
}
