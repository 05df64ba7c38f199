using System.Collections.Concurrent;

namespace SagaBridge.Tests.Standalone.Tasks;

/// <summary>Counts activity executions per key; activities receive it by injection.</summary>
public sealed class ExecutionLedger
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public void Record(string key) => counts.AddOrUpdate(key, 1, (_, count) => count + 1);

    public int CountOf(string key) => counts.TryGetValue(key, out var count) ? count : 0;
}
