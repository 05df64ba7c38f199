using System.Text.Json.Nodes;
using SagaBridge.Activities.Steps;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// A step as far as it could be read. Fields are null where the document was wrong, so the
/// cross-step checks can still run on the rest and report their own problems.
/// </summary>
internal sealed class StepDraft
{
    public required int Index { get; init; }

    public string Path => JsonPath.Index("$.steps", Index);

    public string? Id { get; set; }

    public string? Description { get; set; }

    public StepKindSpec? Spec { get; set; }

    public JsonObject Parameters { get; set; } = [];

    /// <summary>
    /// The dependencies as written, with their paths; null when the step did not say.
    /// </summary>
    public List<(string Id, string Path)>? DependsOn { get; set; }

    public TimeSpan? Timeout { get; set; }

    public RetryDefinition Retry { get; set; } = RetryDefinition.Default;

    public PollDefinition Poll { get; set; } = PollDefinition.Default;

    public bool IsPivot { get; set; }

    public bool HasCompensate { get; set; }

    public CompensationDefinition? Compensation { get; set; }

    public StopMode OnCancel { get; set; }
}
