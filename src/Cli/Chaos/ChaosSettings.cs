namespace SagaBridge.Cli.Chaos;

/// <summary>How hard a chaos run shakes the engine and how long it waits for the end.</summary>
internal sealed record ChaosSettings
{
    /// <summary>Worker processes to kill with SIGKILL.</summary>
    public int Kills { get; init; } = 20;

    /// <summary>Seeds every random choice: outcomes, steps, kill moments, faults.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Transactions kept running at once while the kills go on.</summary>
    public int InFlight { get; init; } = 10;

    /// <summary>Shortest wait between a worker being ready and its kill.</summary>
    public TimeSpan ShortestLife { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between a worker being ready and its kill.</summary>
    public TimeSpan LongestLife { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>How long, after the last kill, every transaction has to end.</summary>
    public TimeSpan FinalDeadline { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The CLI assembly the worker runs; by default the controller's own.</summary>
    public string WorkerAssembly { get; init; } =
        Path.Combine(AppContext.BaseDirectory, "sagabridge.dll");
}
