namespace SagaBridge.Activities.Remote;

/// <summary>
/// Addresses remote work that has been started; enough to read, cancel or drain it.
/// </summary>
/// <param name="Kind">The step kind that started it.</param>
/// <param name="ResourceName">
/// The remote object's full name: a Workflows execution name, a Dataflow
/// <c>projects/{p}/locations/{l}/jobs/{id}</c>, or an Azure ML job's ARM id.
/// </param>
/// <param name="DisplayName">The deterministic name or label value used to find it again.</param>
/// <param name="ConsoleUrl">Link to the object in its cloud console.</param>
/// <param name="Adopted">True when an object created earlier was found and reused.</param>
/// <param name="Settings">Kind-specific settings that reading its status needs.</param>
public sealed record RemoteWorkHandle(
    string Kind,
    string ResourceName,
    string DisplayName,
    string? ConsoleUrl,
    bool Adopted,
    IReadOnlyDictionary<string, string>? Settings = null);
