namespace SagaBridge.Standalone.Client;

/// <summary>
/// Lets one start per instance id through at a time within this process, so that the
/// storage's look-then-create check sees the instance an earlier start just created.
/// </summary>
internal sealed class InstanceStartGate
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string instanceId, CancellationToken cancellation)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(instanceId, out entry!))
            {
                entry = new Entry();
                entries[instanceId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellation);
        }
        catch
        {
            Leave(instanceId, entry, release: false);
            throw;
        }

        return new Pass(this, instanceId, entry);
    }

    private void Leave(string instanceId, Entry entry, bool release)
    {
        if (release)
        {
            entry.Semaphore.Release();
        }

        lock (entries)
        {
            entry.Users--;
            if (entry.Users == 0)
            {
                entries.Remove(instanceId);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Pass(InstanceStartGate gate, string instanceId, Entry entry)
        : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.Leave(instanceId, entry, release: true);
            }
        }
    }
}
