using System.Diagnostics;

namespace SagaBridge.Standalone.Azurite;

/// <summary>A finished run of a command-line tool: exit code and the end of its output.</summary>
internal sealed record ToolRun(int ExitCode, string Output)
{
    /// <summary>
    /// Runs a tool to completion; kills it (with its children) when it outlives
    /// <paramref name="timeout"/> or the caller cancels.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">
    /// The tool is not installed.
    /// </exception>
    public static async Task<ToolRun> ExecuteAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellation)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var output = new OutputTail();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) => output.Add(line.Data);
        process.ErrorDataReceived += (_, line) => output.Add(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellation.ThrowIfCancellationRequested();

            return new ToolRun(-1, $"{fileName} timed out after {timeout}.{Environment.NewLine}"
                + output);
        }

        return new ToolRun(process.ExitCode, output.ToString());
    }
}
