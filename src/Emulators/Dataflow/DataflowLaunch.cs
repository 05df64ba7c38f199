namespace SagaBridge.Emulators.Dataflow;

/// <summary>What a flex or classic launch request asks for, once validated.</summary>
internal sealed record DataflowLaunch(
    string ProjectId,
    string Location,
    string JobName,
    string Template,
    bool Streaming,
    IReadOnlyDictionary<string, string> Labels,
    bool ValidateOnly);
