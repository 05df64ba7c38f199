namespace SagaBridge.Cli.Commands;

/// <summary>What <c>sagabridge run</c> was asked to start.</summary>
/// <param name="Definition">The definition's name on the instance.</param>
/// <param name="Input">JSON text, or <c>@path</c> of a JSON file; null for no input.</param>
/// <param name="Id">The transaction id to use; null lets the instance choose.</param>
/// <param name="Wait">Whether to follow the transaction until it ends.</param>
internal sealed record RunRequest(string Definition, string? Input, string? Id, bool Wait);
