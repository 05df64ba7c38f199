namespace SagaBridge.Transactions.Saga;

/// <summary>
/// A transaction's state and step table. It is the orchestration's custom status while it
/// runs and its output when it ends, so the API reads both the same way.
/// </summary>
public sealed class TransactionReport
{
    public required string TransactionId { get; init; }

    public required string Definition { get; init; }

    public required string Version { get; init; }

    public string StartedBy { get; init; } = "api";

    public TransactionState State { get; set; }

    /// <summary>Why the transaction rolled back, failed or waits for an operator.</summary>
    public string? Reason { get; set; }

    public DateTime StartedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public List<StepReport> Steps { get; init; } = [];

    /// <summary>The row of <paramref name="stepId"/>.</summary>
    public StepReport Step(string stepId) => Steps.First(s => s.Id == stepId);
}
