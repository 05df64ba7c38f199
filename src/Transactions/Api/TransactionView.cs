using System.Text.Json.Serialization;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Transactions.Api;

/// <summary>What the API shows of one transaction: its state and step table.</summary>
public sealed record TransactionView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("definition")] string Definition,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
    [property: JsonPropertyName("finished")] bool Finished,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("startedBy")] string StartedBy,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("endedAt")] DateTime? EndedAt,
    [property: JsonPropertyName("steps")] IReadOnlyList<StepReport> Steps);
