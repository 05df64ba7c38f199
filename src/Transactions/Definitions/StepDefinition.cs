using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>One step of a transaction: remote work to start, wait for and maybe undo.</summary>
public sealed class StepDefinition
{
    internal StepDefinition(
        string id,
        string? description,
        string kind,
        JsonObject parameters,
        IReadOnlyList<string> dependsOn,
        TimeSpan? timeout,
        RetryDefinition retry,
        PollDefinition poll,
        bool isPivot,
        CompensationDefinition? compensation,
        StopMode onCancel)
    {
        Id = id;
        Description = description;
        Kind = kind;
        Parameters = parameters;
        DependsOn = dependsOn;
        Timeout = timeout;
        Retry = retry;
        Poll = poll;
        IsPivot = isPivot;
        Compensation = compensation;
        OnCancel = onCancel;
    }

    /// <summary>Unique within the definition; used in templates and remote job names.</summary>
    public string Id { get; }

    /// <summary>Free text for people reading the definition.</summary>
    public string? Description { get; }

    /// <summary>One of the kinds in <c>StepKindCatalog.All</c>.</summary>
    public string Kind { get; }

    /// <summary>
    /// Parameters of the remote work, with templates unresolved and already checked against the
    /// kind's parameter list. Resolve with <see cref="TemplateResolver"/>; never mutate.
    /// </summary>
    public JsonObject Parameters { get; }

    /// <summary>
    /// Ids of the steps that must have completed before this one starts. A step that did not
    /// say holds the previous step in the file, so a plain list runs in sequence; an empty
    /// list means the step may start at once.
    /// </summary>
    public IReadOnlyList<string> DependsOn { get; }

    /// <summary>
    /// Longest time the remote work may run before it is stopped and the step fails; null for
    /// no limit.
    /// </summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Retry of start errors (never of the remote work failing).</summary>
    public RetryDefinition Retry { get; }

    /// <summary>How the remote work is polled while the step waits.</summary>
    public PollDefinition Poll { get; }

    /// <summary>
    /// Whether this is the pivot: once it succeeds the transaction can no longer roll back, so
    /// later failures are retried forward.
    /// </summary>
    public bool IsPivot { get; }

    /// <summary>How the step is undone, or null when it cannot be.</summary>
    public CompensationDefinition? Compensation { get; }

    /// <summary>Whether a rollback can undo this step (possibly with nothing to do).</summary>
    public bool IsCompensable => Compensation is not null;

    /// <summary>
    /// How the remote work is stopped when it is still running on cancel or rollback.
    /// </summary>
    public StopMode OnCancel { get; }
}
