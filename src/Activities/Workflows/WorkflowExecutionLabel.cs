using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Workflows;

/// <summary>
/// The value of the <c>sagabridge-key</c> label that marks the execution of one piece of
/// remote work. Executions get server-chosen ids, so this label is how a repeated start finds
/// the execution an earlier one created. Always a valid label value: lowercase letters,
/// digits, '-' and '_', at most 63 characters.
/// </summary>
public readonly record struct WorkflowExecutionLabel
{
    /// <summary>The label key carrying the value.</summary>
    public const string Key = "sagabridge-key";

    /// <summary>
    /// The label key carrying the (sanitised) step id, for people filtering in the console.
    /// </summary>
    public const string StepKey = "sagabridge-step";

    /// <summary>Longest label value Google accepts.</summary>
    public const int MaxLength = 63;

    private const int ReadableLength = 22;

    private WorkflowExecutionLabel(string value)
    {
        Value = value;
    }

    /// <summary>The label value.</summary>
    public string Value { get; }

    /// <summary>
    /// The label of <paramref name="key"/>: readable step id, then a digest of the key.
    /// </summary>
    public static WorkflowExecutionLabel For(RemoteWorkKey key)
    {
        var readable = RemoteNameText.Sanitise(key.StepId, ReadableLength, "-_");
        var digest = key.Digest();

        return new WorkflowExecutionLabel(readable.Length == 0 ? digest : $"{readable}-{digest}");
    }

    /// <summary>The step id as a label value, for the <see cref="StepKey"/> label.</summary>
    public static string StepValue(string stepId) =>
        RemoteNameText.Sanitise(stepId, MaxLength, "-_");

    /// <summary>The list filter that finds executions carrying this label.</summary>
    public string Filter => $"labels.{Key}=\"{Value}\"";

    public override string ToString() => Value;
}
