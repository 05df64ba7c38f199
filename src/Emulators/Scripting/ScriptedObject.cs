namespace SagaBridge.Emulators.Scripting;

/// <summary>
/// Remote work whose progress follows its script. Every member is used under the store's lock.
/// </summary>
internal abstract class ScriptedObject(
    long sequence,
    string target,
    CreateDecision decision,
    DateTimeOffset createdAt)
{
    public long Sequence { get; } = sequence;

    public string Target { get; } = target;

    public EmulatorScript Script { get; } = decision.Script;

    /// <summary>Whether this object ends in failure whatever the outcome says.</summary>
    public bool Fails { get; } = decision.Fails;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public int Reads { get; private set; }

    public DateTimeOffset LastAdvanced { get; private set; } = createdAt;

    public abstract bool IsTerminal { get; }

    /// <summary>Counts one status read and moves the work on as its script says.</summary>
    public void CountRead(DateTimeOffset now)
    {
        if (IsTerminal)
        {
            return;
        }

        Reads++;
        LastAdvanced = now;
        OnRead(now, outcomeDue: Reads >= Script.SucceedAfterReads);
    }

    /// <summary>
    /// Whether time alone should move this object on
    /// (see <see cref="EmulatorScript.AdvanceEvery"/>).
    /// </summary>
    public bool IsDueByTime(DateTimeOffset now) =>
        !IsTerminal
        && Script.AdvanceEvery > TimeSpan.Zero
        && now - LastAdvanced >= Script.AdvanceEvery;

    /// <summary>
    /// Applies the effect of the scripted outcome right after creation, when due then.
    /// </summary>
    protected void ApplyOutcomeAtCreation(DateTimeOffset now)
    {
        if (Script.SucceedAfterReads <= 0)
        {
            OnRead(now, outcomeDue: true);
        }
    }

    /// <summary>
    /// Moves the work one read further; <paramref name="outcomeDue"/> says whether it ends now.
    /// </summary>
    protected abstract void OnRead(DateTimeOffset now, bool outcomeDue);

    /// <summary>
    /// The outcome this object reaches: a failure wins over the script's outcome.
    /// </summary>
    protected ScriptOutcome EffectiveOutcome => Fails ? ScriptOutcome.Fail : Script.Outcome;
}
