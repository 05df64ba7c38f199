namespace SagaBridge.Activities.Remote;

/// <summary>
/// Asks for remote work to be started. The same request always addresses the same remote
/// object: drivers derive its name or label from <see cref="TransactionId"/>,
/// <see cref="StepId"/>, <see cref="Role"/> and <see cref="Attempt"/>, so a repeated start
/// adopts what an earlier one created.
/// </summary>
/// <param name="TransactionId">The transaction (orchestration instance) id.</param>
/// <param name="StepId">The step id from the definition.</param>
/// <param name="Role">"step" for the step's own work, "compensation" for its undo.</param>
/// <param name="Attempt">1 for the first run; a new run of the same work gets a new number.</param>
/// <param name="Kind">The step kind, one of <see cref="Steps.StepKinds"/>.</param>
/// <param name="ParametersJson">The step parameters as a JSON object, templates resolved.</param>
/// <param name="CallbackUrl">Signed URL the remote work may call when it ends, if any.</param>
public sealed record RemoteWorkRequest(
    string TransactionId,
    string StepId,
    string Role,
    int Attempt,
    string Kind,
    string ParametersJson,
    string? CallbackUrl = null);
