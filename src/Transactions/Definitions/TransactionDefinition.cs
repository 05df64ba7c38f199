using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// A validated transaction definition: steps, their dependencies and their compensations.
/// Only <see cref="DefinitionLoader"/> creates one, so every instance is a valid saga: no
/// cycles, no dangling references, every step before the pivot compensable.
/// </summary>
public sealed class TransactionDefinition
{
    private readonly Dictionary<string, StepDefinition> byId;
    private readonly Dictionary<string, IReadOnlySet<string>> upstream;

    internal TransactionDefinition(
        string name,
        string version,
        string? description,
        JsonObject? inputSchema,
        IReadOnlyList<StepDefinition> steps,
        Dictionary<string, IReadOnlySet<string>> upstreamByStep,
        string json)
    {
        Name = name;
        Version = version;
        Description = description;
        InputSchema = inputSchema;
        Steps = steps;
        Json = json;
        byId = steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        upstream = upstreamByStep;
        Pivot = steps.FirstOrDefault(s => s.IsPivot);
    }

    /// <summary>The definition's name: lower-case letters, digits and dashes.</summary>
    public string Name { get; }

    /// <summary>The author's version label; SagaBridge does not interpret it.</summary>
    public string Version { get; }

    /// <summary>Free text for people reading the definition.</summary>
    public string? Description { get; }

    /// <summary>
    /// The JSON Schema subset the transaction input is checked against at start
    /// (see <see cref="InputValidator"/>); null when any input is accepted.
    /// </summary>
    public JsonObject? InputSchema { get; }

    /// <summary>Every step, in file order (which need not be execution order).</summary>
    public IReadOnlyList<StepDefinition> Steps { get; }

    /// <summary>The pivot step, if the definition has one.</summary>
    public StepDefinition? Pivot { get; }

    /// <summary>
    /// The definition as normalised JSON: defaults applied, implicit dependencies written out.
    /// Loading it again gives an equal definition, so it is what a transaction carries as its
    /// snapshot; later edits of the source file do not change it.
    /// </summary>
    public string Json { get; }

    /// <summary>The step with this id, or null.</summary>
    public StepDefinition? FindStep(string id) => byId.GetValueOrDefault(id);

    /// <summary>Ids of every step that must complete before this one, transitively.</summary>
    /// <exception cref="ArgumentException">No step has this id.</exception>
    public IReadOnlySet<string> Upstream(string stepId) =>
        upstream.TryGetValue(stepId, out var ids)
            ? ids
            : throw new ArgumentException(
                $"The definition has no step '{stepId}'.",
                nameof(stepId));

    /// <summary>Every step that waits for this one, transitively, in file order.</summary>
    /// <exception cref="ArgumentException">No step has this id.</exception>
    public IReadOnlyList<StepDefinition> Downstream(string stepId)
    {
        _ = Upstream(stepId);

        return [.. Steps.Where(s => upstream[s.Id].Contains(stepId))];
    }
}
