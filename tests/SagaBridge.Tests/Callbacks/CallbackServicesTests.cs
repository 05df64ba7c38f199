using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SagaBridge.Activities.Remote;
using SagaBridge.Transactions.Callbacks;

namespace SagaBridge.Tests.Callbacks;

public sealed class CallbackServicesTests
{
    [Fact]
    public void TheAppSettingsConfigureCallbacksAndTheUrlIssuer()
    {
        var configuration = Configuration(
            ("SagaBridge:Callbacks:BaseUrl", "https://app.example"),
            ("SagaBridge:Callbacks:SigningKey", new string('k', 44)),
            ("SagaBridge:EventGrid:Secret", "s3cret"));

        using var provider = new ServiceCollection()
            .AddSagaBridgeCallbacks(configuration)
            .BuildServiceProvider();
        var url = provider.GetRequiredService<ICallbackUrlIssuer>()
            .Issue(new RemoteWorkKey("tx-1", "train", "step", 1));

        Assert.StartsWith("https://app.example/api/callbacks/steps/v1.", url.AbsoluteUri);
        Assert.Equal(
            "s3cret",
            provider.GetRequiredService<IOptions<CallbackOptions>>().Value.EventGridSecret);
    }

    [Theory]
    [InlineData("https://app.example", "too-short")]
    [InlineData("", "0123456789abcdef0123456789abcdef-long-enough")]
    public void WithoutABaseUrlOrALongEnoughKeyNoUrlIsIssued(string baseUrl, string key)
    {
        var configuration = Configuration(
            ("SagaBridge:Callbacks:BaseUrl", baseUrl),
            ("SagaBridge:Callbacks:SigningKey", key));

        using var provider = new ServiceCollection()
            .AddSagaBridgeCallbacks(configuration)
            .BuildServiceProvider();

        Assert.Null(provider.GetService<ICallbackUrlIssuer>());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v =>
                new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
