namespace SagaBridge.Activities.Remote;

/// <summary>Where remote work stands, reduced from the cloud's own state names.</summary>
public enum RemoteWorkState
{
    /// <summary>Queued, starting or running: not finished yet.</summary>
    Running,

    /// <summary>Finished and counts as success for the step.</summary>
    Succeeded,

    /// <summary>Finished with an error.</summary>
    Failed,

    /// <summary>Stopped by a cancel or drain.</summary>
    Cancelled,
}
