namespace SagaBridge.Emulators.Scripting;

/// <summary>
/// What the emulator does with remote work created for one target. Work created for a target
/// without a script succeeds on its first status read with an empty result <c>{}</c>.
/// </summary>
/// <remarks>
/// State advances only when the object is read by id (a get, never a list) or, when
/// <see cref="AdvanceEvery"/> is set, also with the passing of time. The script in force when an
/// object is created stays with that object: changing a script later changes only new objects.
/// </remarks>
public sealed record EmulatorScript
{
    /// <summary>The script of an unscripted target.</summary>
    public static EmulatorScript Default { get; } = new();

    /// <summary>How the work ends.</summary>
    public ScriptOutcome Outcome { get; init; } = ScriptOutcome.Succeed;

    /// <summary>
    /// Number of status reads after which the work reaches its outcome. 1 (the default) means the
    /// first read already shows the outcome; 0 means the create answer already shows it.
    /// Reads before that show a running state.
    /// </summary>
    public int SucceedAfterReads { get; init; } = 1;

    /// <summary>
    /// JSON text of the result: a workflow execution's <c>result</c>, or the <c>outputs</c> of a
    /// completed Azure ML job (must then be a JSON object). Null means <c>{}</c>.
    /// </summary>
    public string? ResultJson { get; init; }

    /// <summary>Message of the error of failed work.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>
    /// Dataflow only: the job is a streaming job whatever its launch request says.
    /// </summary>
    public bool Streaming { get; init; }

    /// <summary>
    /// The first N objects created for the target after this script was set fail, whatever
    /// <see cref="Outcome"/> says; later ones follow <see cref="Outcome"/>.
    /// </summary>
    public int FailTimes { get; init; }

    /// <summary>
    /// The next N creates for the target take effect, and then the connection is aborted
    /// without an answer, as when a response is lost in the network.
    /// </summary>
    public int LoseCreateResponse { get; init; }

    /// <summary>Creates for the target wait this long before they take effect and answer.</summary>
    public TimeSpan LaunchDelay { get; init; }

    /// <summary>
    /// Every call about the target answers 403 PERMISSION_DENIED (ARM: AuthorizationFailed).
    /// </summary>
    public bool Forbidden { get; init; }

    /// <summary>
    /// When positive, non-terminal work also advances by one status read each time this much
    /// time passes, so work finishes (and Event Grid events fire) without anybody polling.
    /// </summary>
    public TimeSpan AdvanceEvery { get; init; }

    /// <summary>Azure ML only: Event Grid also carries events of a child step run.</summary>
    public bool ChildRunEvents { get; init; }

    /// <summary>Azure ML only: every Event Grid delivery is sent twice.</summary>
    public bool DuplicateEvents { get; init; }

    /// <summary>
    /// Azure ML only: after the terminal events, a stale <c>RunStatusChanged</c> event with
    /// status Running arrives, as Event Grid may deliver out of order.
    /// </summary>
    public bool OutOfOrderEvents { get; init; }
}
