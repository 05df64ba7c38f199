namespace SagaBridge.Activities.Dataflow;

/// <summary>A Dataflow v1b3 job (the fields SagaBridge reads).</summary>
/// <param name="Id">Server-chosen id, like <c>2026-12-03_09_38_11-123…</c>.</param>
/// <param name="ProjectId">The project.</param>
/// <param name="Name">The job name given at launch.</param>
/// <param name="Location">The regional endpoint.</param>
/// <param name="Type"><c>JOB_TYPE_BATCH</c> or <c>JOB_TYPE_STREAMING</c>.</param>
/// <param name="CurrentState">A <c>JOB_STATE_…</c> value.</param>
/// <param name="RequestedState">The state last asked for, if any.</param>
/// <param name="CreateTime">RFC 3339 creation time.</param>
/// <param name="ReplacedByJobId">The job that replaced this one, when it was UPDATED.</param>
public sealed record DataflowJob(
    string Id,
    string? ProjectId = null,
    string? Name = null,
    string? Location = null,
    string? Type = null,
    string? CurrentState = null,
    string? RequestedState = null,
    string? CreateTime = null,
    string? ReplacedByJobId = null)
{
    /// <summary>Whether the job has reached a state it never leaves.</summary>
    public bool IsTerminal => CurrentState is "JOB_STATE_DONE" or "JOB_STATE_FAILED"
        or "JOB_STATE_CANCELLED" or "JOB_STATE_UPDATED" or "JOB_STATE_DRAINED";
}
