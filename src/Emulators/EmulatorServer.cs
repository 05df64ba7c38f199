using Microsoft.Extensions.Logging;

namespace SagaBridge.Emulators;

/// <summary>
/// Runs the emulators as a foreground server, as <c>sagabridge emulators</c> does.
/// </summary>
public static class EmulatorServer
{
    /// <summary>
    /// Serves on <c>http://127.0.0.1:{port}/</c> (port 0 picks one), writes
    /// <c>Emulators listening on {url}</c> to standard output once listening, logs to the console,
    /// and returns when <paramref name="ct"/> is cancelled.
    /// </summary>
    public static Task RunAsync(int port, CancellationToken ct) => RunAsync(port, Console.Out, ct);

    /// <summary>
    /// As <see cref="RunAsync(int, CancellationToken)"/>, announcing on <paramref name="output"/>.
    /// </summary>
    public static async Task RunAsync(int port, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Information));
        await using var emulator = await CloudEmulator.StartAsync(port, loggerFactory, ct);
        await output.WriteLineAsync($"Emulators listening on {emulator.BaseUrl}");
        await output.FlushAsync(ct);

        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is how the server is asked to stop.
        }
    }
}
