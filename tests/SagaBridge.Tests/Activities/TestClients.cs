using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Activities.AzureMl;
using SagaBridge.Activities.Configuration;
using SagaBridge.Activities.Credentials;
using SagaBridge.Activities.Dataflow;
using SagaBridge.Activities.Workflows;

namespace SagaBridge.Tests.Activities;

/// <summary>Clients and drivers wired to a scripted server, with tiny backoff.</summary>
internal static class TestClients
{
    public const string Token = "test-token-8f2c";

    public static RemoteCallRetryOptions Retry { get; } = new()
    {
        MaxReadAttempts = 4,
        InitialDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromSeconds(5),
    };

    public static WorkflowExecutionsClient Workflows(
        ScriptedHandler handler,
        TimeProvider? time = null) =>
        new(Http(handler, "https://workflowexecutions.test/"), new StaticAccessTokenSource(Token),
            Retry, NullLogger<WorkflowExecutionsClient>.Instance,
            time ?? new InstantTimeProvider());

    public static WorkflowDriver WorkflowDriver(ScriptedHandler handler) =>
        new(Workflows(handler), NullLogger<WorkflowDriver>.Instance);

    public static DataflowClient Dataflow(ScriptedHandler handler, TimeProvider? time = null) =>
        new(Http(handler, "https://dataflow.test/"), new StaticAccessTokenSource(Token),
            Retry, NullLogger<DataflowClient>.Instance, time ?? new InstantTimeProvider());

    public static DataflowDriver DataflowDriver(ScriptedHandler handler, string kind) =>
        new(kind, Dataflow(handler), NullLogger<DataflowDriver>.Instance);

    public static AzureMlJobsClient AzureMl(ScriptedHandler handler, TimeProvider? time = null) =>
        new(Http(handler, "https://management.test/"), new StaticAccessTokenSource(Token),
            Retry, "2024-04-01", NullLogger<AzureMlJobsClient>.Instance,
            time ?? new InstantTimeProvider());

    public static AzureMlPipelineDriver AzureMlDriver(ScriptedHandler handler) =>
        new(AzureMl(handler), NullLogger<AzureMlPipelineDriver>.Instance);

    private static HttpClient Http(ScriptedHandler handler, string baseUrl) =>
        new(handler) { BaseAddress = new Uri(baseUrl) };
}
