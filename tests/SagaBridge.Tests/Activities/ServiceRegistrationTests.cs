using Microsoft.Extensions.DependencyInjection;
using SagaBridge.Activities;
using SagaBridge.Activities.Credentials;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Steps;
using SagaBridge.Activities.Tasks;
using SagaBridge.Activities.Workflows;

namespace SagaBridge.Tests.Activities;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void EveryStepKindHasADriverAndEveryActivityResolves()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSagaBridgeActivitiesWithStaticTokens(_ => { });
        using var provider = services.BuildServiceProvider();

        var drivers = provider.GetRequiredService<RemoteWorkDrivers>();

        foreach (var kind in StepKindCatalog.All.Keys)
        {
            Assert.Equal(kind, drivers.For(kind).Kind);
        }

        Assert.NotNull(provider.GetRequiredService<StartRemoteWorkActivity>());
        Assert.NotNull(provider.GetRequiredService<ReadRemoteWorkActivity>());
        Assert.NotNull(provider.GetRequiredService<StopRemoteWorkActivity>());
    }

    [Fact]
    public async Task EmulatorRegistrationSendsTheStaticTokenBelowTheConfiguredBaseUrl()
    {
        var server = new ScriptedHandler()
            .Ok("{}")
            .Ok("""{"name":"projects/p/locations/l/workflows/w/executions/e","state":"ACTIVE"}""");
        var services = new ServiceCollection().AddLogging();
        services.AddSagaBridgeActivitiesWithStaticTokens(
            endpoints => endpoints.WorkflowsBaseUrl = new Uri("http://127.0.0.1:5999/workflows"),
            token: "emulator-token");
        services.AddHttpClient(nameof(WorkflowExecutionsClient))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        using var provider = services.BuildServiceProvider();
        var driver = provider.GetRequiredService<RemoteWorkDrivers>().For(StepKinds.Workflow);

        var handle = await driver.StartAsync(
            new RemoteWorkRequest("tx", "s", "step", 1, StepKinds.Workflow,
                """{"project":"p","location":"l","workflow":"w"}"""),
            CancellationToken.None);

        Assert.Equal("projects/p/locations/l/workflows/w/executions/e", handle.ResourceName);
        Assert.All(server.Requests, r => Assert.Equal("Bearer emulator-token", r.Authorization));
        Assert.All(
            server.Requests,
            r => Assert.StartsWith("/workflows/v1/projects/p/", r.PathAndQuery));
    }

    [Fact]
    public void RealRegistrationUsesGoogleAndAzureCredentials()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSagaBridgeActivities();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<GoogleAccessTokenSource>(
            provider.GetRequiredKeyedService<IAccessTokenSource>(
                ActivityServices.GoogleTokens));
        Assert.IsType<AzureAccessTokenSource>(
            provider.GetRequiredKeyedService<IAccessTokenSource>(
                ActivityServices.AzureTokens));
    }
}
