namespace SagaBridge.Transactions.Saga;

/// <summary>One row of a transaction's step table, as shown by the API and the dashboard.</summary>
public sealed class StepReport
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public StepState State { get; set; }

    /// <summary>Remote runs of the step's own work so far (1 unless retried forward).</summary>
    public int Attempts { get; set; }

    /// <summary>The remote object's full name (execution, job or ARM id).</summary>
    public string? RemoteId { get; set; }

    public string? ConsoleUrl { get; set; }

    /// <summary>The cloud's own last known state name.</summary>
    public string? RemoteState { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Position in completion order (1 = first to succeed), when it succeeded.</summary>
    public int? CompletedOrder { get; set; }

    /// <summary>The compensation's progress, once the step is being undone.</summary>
    public CompensationReport? Compensation { get; set; }
}
