namespace SagaBridge.Activities.Rest;

/// <summary>One REST call as the clients describe it.</summary>
/// <param name="Operation">
/// Names the call and its resource in failure messages, for example
/// <c>Workflows executions.create on projects/p/locations/l/workflows/w</c>.
/// </param>
/// <param name="Method">The HTTP verb.</param>
/// <param name="Path">Path and query relative to the API's base URL, already escaped.</param>
/// <param name="Body">Serialized as JSON when not null.</param>
/// <param name="IsRead">
/// Reads are retried on transient failures; everything else is sent once.
/// </param>
/// <param name="HandledStatuses">
/// Error statuses the client interprets itself instead of failing.
/// </param>
internal sealed record RemoteCall(
    string Operation,
    HttpMethod Method,
    string Path,
    object? Body = null,
    bool IsRead = false,
    IReadOnlyCollection<int>? HandledStatuses = null);
