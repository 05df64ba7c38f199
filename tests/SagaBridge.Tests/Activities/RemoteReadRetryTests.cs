using System.Net;
using System.Net.Http.Headers;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Tests.Activities;

public sealed class RemoteReadRetryTests
{
    private const string ExecutionName = "projects/p/locations/l/workflows/w/executions/e";

    [Fact]
    public async Task ReadRidesOutA503And429BurstWaitingAtLeastWhatTheServerAsked()
    {
        var time = new InstantTimeProvider();
        var server = new ScriptedHandler()
            .GoogleError(503, "UNAVAILABLE", "try later", retryDelay: "0.250s")
            .GoogleError(429, "RESOURCE_EXHAUSTED", "quota", retryDelay: "2s")
            .Json((HttpStatusCode)429, "{}", r => r.Headers.RetryAfter =
                new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            .Ok($$"""{"name":"{{ExecutionName}}","state":"ACTIVE"}""");
        var client = TestClients.Workflows(server, time);

        var execution = await client.GetAsync(ExecutionName, CancellationToken.None);

        Assert.Equal("ACTIVE", execution.State);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(3, time.Delays.Count);
        Assert.True(time.Delays[0] >= TimeSpan.FromMilliseconds(250), $"waited {time.Delays[0]}");
        Assert.True(time.Delays[1] >= TimeSpan.FromSeconds(2), $"waited {time.Delays[1]}");
        Assert.True(time.Delays[2] >= TimeSpan.FromSeconds(3), $"waited {time.Delays[2]}");
    }

    [Fact]
    public async Task ReadThatStaysUnavailableFailsTransientlyAfterTheConfiguredAttempts()
    {
        var server = new ScriptedHandler();
        for (var i = 0; i < TestClients.Retry.MaxReadAttempts; i++)
        {
            server.GoogleError(503, "UNAVAILABLE", "down");
        }

        var client = TestClients.Workflows(server);

        var failure = await Assert.ThrowsAsync<TransientRemoteException>(
            () => client.GetAsync(ExecutionName, CancellationToken.None));

        Assert.Equal(503, failure.StatusCode);
        Assert.Equal(TestClients.Retry.MaxReadAttempts, server.Requests.Count);
    }

    [Fact]
    public async Task ServerAskingForALongerWaitThanMaxDelayFailsTransientlyCarryingTheWait()
    {
        var time = new InstantTimeProvider();
        var server = new ScriptedHandler()
            .GoogleError(429, "RESOURCE_EXHAUSTED", "quota", retryDelay: "30s");
        var client = TestClients.Workflows(server, time);

        var failure = await Assert.ThrowsAsync<TransientRemoteException>(
            () => client.GetAsync(ExecutionName, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(30), failure.RetryAfter);
        Assert.Single(server.Requests);
        Assert.Empty(time.Delays);
    }

    [Fact]
    public async Task ForbiddenReadFailsPermanentlyWithoutRetrying()
    {
        var server = new ScriptedHandler()
            .GoogleError(403, "PERMISSION_DENIED", "caller lacks workflows.executions.get");
        var client = TestClients.Workflows(server);

        var failure = await Assert.ThrowsAsync<PermanentRemoteException>(
            () => client.GetAsync(ExecutionName, CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Contains("HTTP 403 PERMISSION_DENIED", failure.Message);
        Assert.Contains("caller lacks workflows.executions.get", failure.Message);
    }

    [Fact]
    public async Task ConnectionResetOnAReadIsRetried()
    {
        var server = new ScriptedHandler()
            .LoseAnswer()
            .Ok($$"""{"name":"{{ExecutionName}}","state":"SUCCEEDED"}""");
        var client = TestClients.Workflows(server);

        var execution = await client.GetAsync(ExecutionName, CancellationToken.None);

        Assert.Equal("SUCCEEDED", execution.State);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task ErrorWithoutABodyStillNamesTheOperationAndStatus()
    {
        var server = new ScriptedHandler().Empty(HttpStatusCode.NotFound);
        var client = TestClients.Workflows(server);

        var failure = await Assert.ThrowsAsync<PermanentRemoteException>(
            () => client.GetAsync(ExecutionName, CancellationToken.None));

        Assert.Equal(404, failure.StatusCode);
        Assert.Contains($"executions.get on {ExecutionName}", failure.Message);
        Assert.Contains("HTTP 404", failure.Message);
    }
}
