using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.AzureMl;

/// <summary>
/// The deterministic name of the Azure ML job of one piece of remote work:
/// <c>{step}-{digest}</c>. The client chooses ARM job names, so a repeated submit with the
/// same name lands on the same job. Always a valid ARM name: starts with a letter, then
/// letters, digits, '-' and '_', at most 255 characters.
/// </summary>
public readonly record struct AzureMlJobName
{
    /// <summary>The prefix used when the step id has no usable character.</summary>
    public const string FallbackPrefix = "sagabridge";

    private const int MaxPrefixLength = 60;

    private AzureMlJobName(string value)
    {
        Value = value;
    }

    /// <summary>The job name.</summary>
    public string Value { get; }

    /// <summary>
    /// The name of <paramref name="key"/>'s job, starting with its step id sanitised.
    /// </summary>
    public static AzureMlJobName For(RemoteWorkKey key)
    {
        var readable = RemoteNameText.Sanitise(key.StepId, MaxPrefixLength, "-_")
            .TrimStart("0123456789-_".ToCharArray());

        return new AzureMlJobName(
            $"{(readable.Length == 0 ? FallbackPrefix : readable)}-{key.Digest()}");
    }

    public override string ToString() => Value;
}
