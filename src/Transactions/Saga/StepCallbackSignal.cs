namespace SagaBridge.Transactions.Saga;

/// <summary>
/// Raised to a waiting step when its remote work reports its own end (a signed webhook or an
/// Event Grid event). A claim of success with an output ends the wait; anything else makes
/// the step read the remote status at once.
/// </summary>
/// <param name="Succeeded">
/// True when the remote side reports success; null when it only says "look now".
/// </param>
/// <param name="OutputJson">The output it reported, as JSON.</param>
/// <param name="Error">The error it reported.</param>
/// <param name="Source">"webhook" or "eventGrid", for the record.</param>
public sealed record StepCallbackSignal(
    bool? Succeeded,
    string? OutputJson,
    string? Error,
    string Source);
