using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Standalone.Azurite;

namespace SagaBridge.Tests.Standalone;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteLauncherTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AnEmulatorThatAlreadyAnswersIsUsedInsteadOfStartingAnother()
    {
        var launched = await AzuriteLauncher.EnsureRunningAsync(
            azurite.ConnectionString,
            Path.Combine(azurite.Location, "unused"),
            toolFolder: null,
            NullLogger.Instance,
            CancellationToken.None);

        Assert.Null(launched);
        Assert.False(Directory.Exists(Path.Combine(azurite.Location, "unused")));
    }

    [Fact]
    public async Task RemoteStorageStartsNoEmulator()
    {
        var launched = await AzuriteLauncher.EnsureRunningAsync(
            "DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=a2V5",
            Path.Combine(azurite.Location, "unused"),
            toolFolder: null,
            NullLogger.Instance,
            CancellationToken.None);

        Assert.Null(launched);
    }

    [Fact]
    public async Task DisposingTheLauncherStopsExactlyItsProcess()
    {
        var endpoints = new AzuriteEndpoints(
            AzuriteFixture.FreePort(),
            AzuriteFixture.FreePort(),
            AzuriteFixture.FreePort());
        var launched = await AzuriteLauncher.StartAsync(
            endpoints,
            Path.Combine(azurite.Location, "second"),
            toolFolder: null,
            NullLogger.Instance,
            CancellationToken.None);
        var processId = launched.ProcessId;

        await launched.DisposeAsync();

        Assert.False(IsRunning(processId));
        Assert.True(IsRunning(azurite.Azurite.ProcessId));
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
