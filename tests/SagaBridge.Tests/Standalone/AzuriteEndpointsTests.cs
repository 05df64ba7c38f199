using SagaBridge.Standalone.Azurite;

namespace SagaBridge.Tests.Standalone;

public sealed class AzuriteEndpointsTests
{
    [Fact]
    public void DevelopmentStorageMeansAzuriteOnItsDefaultPorts()
    {
        var parsed = AzuriteEndpoints.TryParse("UseDevelopmentStorage=true", out var endpoints);

        Assert.True(parsed);
        Assert.Equal(new AzuriteEndpoints(10000, 10001, 10002), endpoints);
    }

    [Fact]
    public void ALoopbackConnectionStringNamesItsPortsAndRoundTrips()
    {
        var written = new AzuriteEndpoints(41000, 41001, 41002).ToConnectionString();

        var parsed = AzuriteEndpoints.TryParse(written, out var endpoints);

        Assert.True(parsed);
        Assert.Equal(new AzuriteEndpoints(41000, 41001, 41002), endpoints);
        Assert.Contains("BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1", written);
    }

    [Fact]
    public void LocalhostEndpointsAreAzuriteToo()
    {
        var parsed = AzuriteEndpoints.TryParse(
            "AccountName=devstoreaccount1;AccountKey=a2V5;"
            + "BlobEndpoint=http://localhost:1;QueueEndpoint=http://localhost:2;"
            + "TableEndpoint=http://localhost:3",
            out var endpoints);

        Assert.True(parsed);
        Assert.Equal(new AzuriteEndpoints(1, 2, 3), endpoints);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=a2V5;"
        + "EndpointSuffix=core.windows.net")]
    [InlineData("BlobEndpoint=https://prod.blob.core.windows.net;"
        + "QueueEndpoint=http://127.0.0.1:2;TableEndpoint=http://127.0.0.1:3")]
    [InlineData("")]
    public void RemoteStorageIsNotAzurite(string connectionString)
    {
        var parsed = AzuriteEndpoints.TryParse(connectionString, out _);

        Assert.False(parsed);
    }
}
