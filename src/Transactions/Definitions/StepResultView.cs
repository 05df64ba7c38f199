using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>What templates may read about a step that has run.</summary>
/// <param name="RemoteId">The remote work's id (execution, job), once it started.</param>
/// <param name="Output">The remote work's output, once it finished; null before that.</param>
public sealed record StepResultView(string? RemoteId, JsonNode? Output);
