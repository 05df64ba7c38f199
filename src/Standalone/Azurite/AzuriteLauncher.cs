using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SagaBridge.Standalone.Azurite;

/// <summary>
/// An Azurite process this launcher started on loopback, with its data in a folder of its
/// own. Disposing it kills exactly that process and its children.
/// </summary>
/// <remarks>
/// Azurite comes from the pinned npm package in <c>tools/azurite</c>; it is installed there
/// with <c>npm ci</c> on first use (about 35 s), and Node.js 20 or later must be on the PATH.
/// A first start can take about 30 s before the ports answer.
/// </remarks>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    /// <summary>The Azurite version the repository pins.</summary>
    public const string PinnedVersion = "3.37.0";

    private const int OldestNodeMajorVersion = 20;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private readonly Process process;
    private readonly ILogger logger;
    private int disposed;

    private AzuriteLauncher(
        Process process,
        AzuriteEndpoints endpoints,
        string location,
        ILogger logger)
    {
        this.process = process;
        this.logger = logger;
        Endpoints = endpoints;
        Location = location;
        ProcessId = process.Id;
    }

    /// <summary>The ports this Azurite listens on, on 127.0.0.1.</summary>
    public AzuriteEndpoints Endpoints { get; }

    /// <summary>Full path of the folder holding this Azurite's data.</summary>
    public string Location { get; }

    /// <summary>Id of the Azurite process.</summary>
    public int ProcessId { get; }

    /// <summary>A connection string that reaches this Azurite.</summary>
    public string ConnectionString => Endpoints.ToConnectionString();

    /// <summary>
    /// Starts Azurite when <paramref name="connectionString"/> names a local emulator and
    /// nothing answers on its blob port.
    /// </summary>
    /// <returns>
    /// The started Azurite, which the caller must dispose; <see langword="null"/> when the
    /// storage is not local or an emulator already answers.
    /// </returns>
    /// <exception cref="AzuriteUnavailableException">
    /// Node.js is missing or too old, the install failed, or Azurite did not start listening.
    /// </exception>
    public static async Task<AzuriteLauncher?> EnsureRunningAsync(
        string connectionString,
        string location,
        string? toolFolder,
        ILogger logger,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!AzuriteEndpoints.TryParse(connectionString, out var endpoints))
        {
            return null;
        }

        if (await AnswersAsync(endpoints.BlobPort, cancellation))
        {
            logger.AzuriteAlreadyRunning(endpoints.BlobPort);
            return null;
        }

        return await StartAsync(endpoints, location, toolFolder, logger, cancellation);
    }

    /// <summary>
    /// Installs Azurite if needed, starts it on <paramref name="endpoints"/> with its data in
    /// <paramref name="location"/>, and returns once all three ports answer.
    /// </summary>
    /// <param name="endpoints">Ports to listen on; they must be free.</param>
    /// <param name="location">Data folder, created if missing; relative to the working dir.</param>
    /// <param name="toolFolder">
    /// Folder with the pinned <c>package.json</c>; <see langword="null"/> looks for
    /// <c>tools/azurite</c> above the working directory and the application.
    /// </param>
    /// <param name="logger">Receives what the launcher does, including the npm install.</param>
    /// <param name="cancellation">Stops waiting; a started process is killed.</param>
    /// <exception cref="AzuriteUnavailableException">
    /// Node.js is missing or too old, the install failed, or Azurite did not start listening.
    /// </exception>
    public static async Task<AzuriteLauncher> StartAsync(
        AzuriteEndpoints endpoints,
        string location,
        string? toolFolder,
        ILogger logger,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(location);
        ArgumentNullException.ThrowIfNull(logger);

        await RequireNodeAsync(cancellation);
        var dataFolder = Path.GetFullPath(location);
        var folder = toolFolder ?? FindToolFolder() ?? PrepareStandaloneToolFolder(dataFolder);
        var executable = await InstallAsync(Path.GetFullPath(folder), logger, cancellation);

        Directory.CreateDirectory(dataFolder);
        logger.AzuriteStarting(
            endpoints.BlobPort,
            endpoints.QueuePort,
            endpoints.TablePort,
            dataFolder);

        var output = new OutputTail();
        var process = new Process { StartInfo = StartInfo(executable, endpoints, dataFolder) };
        process.OutputDataReceived += (_, line) => output.Add(line.Data);
        process.ErrorDataReceived += (_, line) => output.Add(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var launcher = new AzuriteLauncher(process, endpoints, dataFolder, logger);
        try
        {
            await launcher.WaitUntilListeningAsync(output, cancellation);
        }
        catch
        {
            await launcher.DisposeAsync();
            throw;
        }

        return launcher;
    }

    /// <summary>Kills the Azurite process and its children (SIGKILL: it ignores SIGTERM).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
            logger.AzuriteStopped(ProcessId);
        }
        catch (Exception error) when (error is InvalidOperationException
            or Win32Exception
            or OperationCanceledException)
        {
            logger.AzuriteStopFailed(ProcessId, error);
        }
        finally
        {
            process.Dispose();
        }
    }

    private static ProcessStartInfo StartInfo(
        string executable,
        AzuriteEndpoints endpoints,
        string dataFolder)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataFolder,
        };
        string[] arguments =
        [
            "--silent",
            "--skipApiVersionCheck",
            "--loose",
            "--location", dataFolder,
            "--blobHost", "127.0.0.1",
            "--queueHost", "127.0.0.1",
            "--tableHost", "127.0.0.1",
            "--blobPort", Port(endpoints.BlobPort),
            "--queuePort", Port(endpoints.QueuePort),
            "--tablePort", Port(endpoints.TablePort),
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private async Task WaitUntilListeningAsync(OutputTail output, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        int[] ports = [Endpoints.BlobPort, Endpoints.QueuePort, Endpoints.TablePort];

        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new AzuriteUnavailableException(
                    $"Azurite exited with code {process.ExitCode} before listening. "
                    + $"Its last output:{Environment.NewLine}{output}");
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new AzuriteUnavailableException(
                    $"Azurite did not listen on ports {string.Join(", ", ports)} within "
                    + $"{StartTimeout.TotalSeconds} s. Its last output:{Environment.NewLine}"
                    + output);
            }

            var answering = 0;
            foreach (var port in ports)
            {
                answering += await AnswersAsync(port, cancellation) ? 1 : 0;
            }

            if (answering == ports.Length)
            {
                logger.AzuriteStarted(ProcessId, clock.Elapsed.TotalSeconds);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation);
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellation)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task RequireNodeAsync(CancellationToken cancellation)
    {
        const string advice =
            "The standalone engine needs Azurite for local storage. Install Node.js "
            + "20 or later (https://nodejs.org), or set a storage account connection string, "
            + "or run in memory (--in-memory).";

        ToolRun version;
        try
        {
            version = await ToolRun.ExecuteAsync(
                "node",
                ["--version"],
                Environment.CurrentDirectory,
                TimeSpan.FromSeconds(30),
                cancellation);
        }
        catch (Win32Exception error)
        {
            throw new AzuriteUnavailableException($"Node.js was not found. {advice}", error);
        }

        var text = version.Output.Trim().TrimStart('v');
        var major = text.Split('.')[0];
        if (version.ExitCode != 0
            || !int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m < OldestNodeMajorVersion)
        {
            throw new AzuriteUnavailableException(
                $"Node.js {version.Output.Trim()} is too old or not working. {advice}");
        }
    }

    private static string? FindToolFolder()
    {
        string[] starts = [Environment.CurrentDirectory, AppContext.BaseDirectory];
        foreach (var start in starts)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "tools", "azurite");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    // Outside the repository (an installed CLI) there is no tools/azurite, so the launcher
    // writes the same pin next to the data folder and installs from it.
    private static string PrepareStandaloneToolFolder(string dataFolder)
    {
        var root = Path.GetDirectoryName(dataFolder) ?? dataFolder;
        var folder = Path.Combine(root, "azurite-tool");
        Directory.CreateDirectory(folder);

        var manifest = Path.Combine(folder, "package.json");
        if (!File.Exists(manifest))
        {
            File.WriteAllText(
                manifest,
                "{ \"name\": \"sagabridge-azurite\", \"private\": true, "
                + $"\"dependencies\": {{ \"azurite\": \"{PinnedVersion}\" }} }}\n");
        }

        return folder;
    }

    private static async Task<string> InstallAsync(
        string folder,
        ILogger logger,
        CancellationToken cancellation)
    {
        var executable = Path.Combine(
            folder,
            "node_modules",
            ".bin",
            OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (File.Exists(executable))
        {
            return executable;
        }

        // Several test processes may start at once; one installs, the others wait for it.
        await using var installLock = await FileLock.AcquireAsync(
            Path.Combine(folder, ".install.lock"),
            InstallTimeout,
            cancellation);
        if (File.Exists(executable))
        {
            return executable;
        }

        var command = File.Exists(Path.Combine(folder, "package-lock.json")) ? "ci" : "install";
        logger.AzuriteInstalling(command, folder);
        var clock = Stopwatch.StartNew();

        ToolRun install;
        try
        {
            install = await ToolRun.ExecuteAsync(
                OperatingSystem.IsWindows() ? "npm.cmd" : "npm",
                [command, "--no-audit", "--no-fund"],
                folder,
                InstallTimeout,
                cancellation);
        }
        catch (Win32Exception error)
        {
            throw new AzuriteUnavailableException(
                "npm was not found; it comes with Node.js 20 or later. Install it, or set a "
                + "storage account connection string, or run in memory (--in-memory).",
                error);
        }

        if (install.ExitCode != 0 || !File.Exists(executable))
        {
            throw new AzuriteUnavailableException(
                $"'npm {command}' in {folder} failed with code {install.ExitCode}:"
                + $"{Environment.NewLine}{install.Output}");
        }

        logger.AzuriteInstalled(clock.Elapsed.TotalSeconds);

        return executable;
    }
}
