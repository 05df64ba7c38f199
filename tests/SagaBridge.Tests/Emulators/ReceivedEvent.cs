using System.Text.Json.Nodes;

namespace SagaBridge.Tests.Emulators;

/// <summary>One Event Grid event as the listener received it, with its secret header.</summary>
internal sealed record ReceivedEvent(JsonObject Event, string? Secret)
{
    public string EventType => (string)Event["eventType"]!;

    public string RunId => (string)Event["data"]!["runId"]!;

    public string RunType => (string)Event["data"]!["runType"]!;

    public string RunStatus => (string)Event["data"]!["runStatus"]!;

    public string Id => (string)Event["id"]!;
}
