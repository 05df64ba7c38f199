namespace SagaBridge.Transactions.Saga;

/// <summary>The undo of one step: how many times it ran and where it stands.</summary>
public sealed class CompensationReport
{
    public int Attempts { get; set; }

    public string? RemoteId { get; set; }

    public string? ConsoleUrl { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Position in compensation order (1 = undone first).</summary>
    public int? Order { get; set; }
}
