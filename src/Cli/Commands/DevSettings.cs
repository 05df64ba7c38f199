namespace SagaBridge.Cli.Commands;

/// <summary>The options of <c>sagabridge dev</c>, as given on the command line.</summary>
internal sealed record DevSettings(
    int Port,
    string Bind,
    string? ApiKey,
    bool InMemory,
    string? Storage,
    string TaskHub,
    string Definitions,
    bool Emulate,
    int EmulatorPort);
