using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Dataflow;

/// <summary>
/// The deterministic name of the Dataflow job of one piece of remote work:
/// <c>{prefix}-{digest}</c>. Dataflow allows one active job per name and region, so the name
/// is what makes a repeated launch meet the first one. Always matches
/// <c>[a-z]([-a-z0-9]{0,1022}[a-z0-9])?</c>.
/// </summary>
public readonly record struct DataflowJobName
{
    /// <summary>The prefix used when the readable text has no usable character.</summary>
    public const string FallbackPrefix = "sagabridge";

    private const int MaxPrefixLength = 40;

    private DataflowJobName(string value)
    {
        Value = value;
    }

    /// <summary>The job name.</summary>
    public string Value { get; }

    /// <summary>
    /// The name of <paramref name="key"/>'s job, starting with <paramref name="prefix"/>
    /// sanitised (lowercased, other characters turned into '-', leading digits dropped).
    /// </summary>
    public static DataflowJobName For(RemoteWorkKey key, string? prefix)
    {
        var readable = RemoteNameText.Sanitise(prefix, MaxPrefixLength)
            .TrimStart("0123456789-".ToCharArray());

        return new DataflowJobName(
            $"{(readable.Length == 0 ? FallbackPrefix : readable)}-{key.Digest()}");
    }

    public override string ToString() => Value;
}
