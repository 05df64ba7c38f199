namespace SagaBridge.Emulators.EventGrid;

/// <summary>
/// Where the emulator delivers Azure ML run events, in the Event Grid event schema, as an Event
/// Grid webhook subscription would.
/// </summary>
/// <param name="Endpoint">The webhook that receives POSTed arrays of events.</param>
/// <param name="SecretHeaderName">
/// A header sent with every delivery, if any (a shared secret).
/// </param>
/// <param name="Secret">The value of that header.</param>
/// <param name="ValidateSubscription">
/// Whether configuring first sends a <c>Microsoft.EventGrid.SubscriptionValidationEvent</c> and
/// requires the endpoint to answer <c>{"validationResponse": code}</c>, as Event Grid does when
/// a subscription is created.
/// </param>
public sealed record EventGridDelivery(
    Uri Endpoint,
    string? SecretHeaderName,
    string? Secret,
    bool ValidateSubscription = true);
