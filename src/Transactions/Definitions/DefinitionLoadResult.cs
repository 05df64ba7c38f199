using System.Diagnostics.CodeAnalysis;

namespace SagaBridge.Transactions.Definitions;

/// <summary>The outcome of <see cref="DefinitionLoader.TryLoad"/>.</summary>
/// <param name="Definition">The loaded definition; null exactly when there are problems.</param>
/// <param name="Problems">Every problem found; empty when the definition loaded.</param>
public sealed record DefinitionLoadResult(
    TransactionDefinition? Definition,
    IReadOnlyList<DefinitionProblem> Problems)
{
    /// <summary>Whether the definition loaded without problems.</summary>
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool IsValid => Definition is not null;
}
