namespace SagaBridge.Tests.Infra;

/// <summary>What an external command printed and how it ended.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything the command said, for assertion messages.</summary>
    public string Transcript =>
        $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
