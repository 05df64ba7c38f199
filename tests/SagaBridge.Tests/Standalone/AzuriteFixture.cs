using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Standalone.Azurite;

namespace SagaBridge.Tests.Standalone;

/// <summary>
/// One Azurite for the standalone tests, on free loopback ports with its own data folder,
/// started through the product's launcher (which runs npm ci first when needed).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteLauncher? azurite;

    public string Location { get; } =
        Path.Combine(Path.GetTempPath(), "sagabridge-tests", Guid.NewGuid().ToString("N"));

    public AzuriteLauncher Azurite =>
        azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        var endpoints = new AzuriteEndpoints(FreePort(), FreePort(), FreePort());

        azurite = await AzuriteLauncher.StartAsync(
            endpoints,
            Location,
            toolFolder: null,
            NullLogger.Instance,
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process; the temp folder is cleaned eventually.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
