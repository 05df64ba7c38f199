using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>Everything a template may reference while a transaction runs.</summary>
/// <param name="TransactionId">Read by <c>{{transaction.id}}</c>.</param>
/// <param name="TransactionName">
/// Read by <c>{{transaction.name}}</c>: the definition's name.
/// </param>
/// <param name="Input">The transaction input, read by <c>{{input.…}}</c>.</param>
/// <param name="Steps">
/// Results of the steps that have run, by step id, read by <c>{{steps.&lt;id&gt;.…}}</c>.
/// </param>
public sealed record TemplateScope(
    string TransactionId,
    string TransactionName,
    JsonNode? Input,
    IReadOnlyDictionary<string, StepResultView> Steps);
