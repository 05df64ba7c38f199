using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>How a completed step is undone.</summary>
public sealed class CompensationDefinition
{
    internal CompensationDefinition(string? kind, JsonObject parameters, RetryDefinition retry)
    {
        Kind = kind;
        Parameters = parameters;
        Retry = retry;
    }

    /// <summary>
    /// The step kind that undoes the step, or null when the step leaves nothing to undo
    /// (<c>{ "kind": "none" }</c>).
    /// </summary>
    public string? Kind { get; }

    /// <summary>
    /// Parameters of the undo, with templates unresolved; they may reference the step's own
    /// output. Empty for a no-op. Resolve with <see cref="TemplateResolver"/>; never mutate.
    /// </summary>
    public JsonObject Parameters { get; }

    /// <summary>Retry of the undo's start errors.</summary>
    public RetryDefinition Retry { get; }

    /// <summary>Whether undoing the step needs no remote work at all.</summary>
    [MemberNotNullWhen(false, nameof(Kind))]
    public bool IsNoOp => Kind is null;
}
