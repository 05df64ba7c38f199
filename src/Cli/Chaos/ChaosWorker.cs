using System.Collections.Concurrent;
using System.Diagnostics;

namespace SagaBridge.Cli.Chaos;

/// <summary>
/// One generation of the chaos worker: <c>dotnet sagabridge.dll chaos-worker …</c> as a child
/// process, started from the controller's own output folder so nothing is rebuilt.
/// </summary>
internal sealed class ChaosWorker : IAsyncDisposable
{
    /// <summary>The line the worker prints once its engine processes work.</summary>
    public const string ReadyLine = "chaos-worker: ready";

    private const int TailLength = 40;

    private readonly Process process;
    private readonly ConcurrentQueue<string> tail = new();
    private readonly TaskCompletionSource ready =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int disposed;

    private ChaosWorker(Process process)
    {
        this.process = process;
    }

    public int ProcessId { get; private set; }

    /// <summary>Completes when the worker has said it is ready.</summary>
    public Task Ready => ready.Task;

    /// <summary>The last lines the worker wrote, for a report when it dies by itself.</summary>
    public IReadOnlyList<string> Tail => [.. tail];

    public static ChaosWorker Start(
        string workerAssembly,
        string storage,
        string taskHub,
        Uri emulator)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            workerAssembly, "chaos-worker",
            "--storage", storage,
            "--task-hub", taskHub,
            "--emulator", emulator.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new ChaosWorker(process);
        process.OutputDataReceived += (_, line) => worker.Receive(line.Data);
        process.ErrorDataReceived += (_, line) => worker.Receive(line.Data);
        process.Exited += (_, _) => worker.ready.TrySetException(
            new InvalidOperationException("The chaos worker exited before it was ready."));
        process.Start();
        worker.ProcessId = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return worker;
    }

    /// <summary>SIGKILL on Linux: the worker cannot finish or release anything.</summary>
    public async Task KillAsync()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await KillAsync();
        process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line == ReadyLine)
        {
            ready.TrySetResult();
        }

        tail.Enqueue(line);
        while (tail.Count > TailLength)
        {
            tail.TryDequeue(out _);
        }
    }
}
