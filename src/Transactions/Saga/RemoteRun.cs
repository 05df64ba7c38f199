using System.Text.Json.Nodes;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Transactions.Saga;

/// <summary>One run of remote work the saga starts and waits for: a step's or its undo.</summary>
internal sealed record RemoteRun(
    string StepId,
    string Role,
    int Attempt,
    string Kind,
    JsonObject Parameters,
    RetryDefinition Retry,
    PollDefinition Poll,
    TimeSpan? Timeout,
    bool Drain);
