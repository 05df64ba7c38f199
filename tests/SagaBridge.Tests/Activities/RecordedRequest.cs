namespace SagaBridge.Tests.Activities;

/// <summary>A request as the scripted server saw it.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    string PathAndQuery,
    string? Body,
    string? Authorization);
