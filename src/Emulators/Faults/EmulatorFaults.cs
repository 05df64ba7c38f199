namespace SagaBridge.Emulators.Faults;

/// <summary>Fault bursts in force, applied in the order they were added. Thread-safe.</summary>
public sealed class EmulatorFaults
{
    private readonly Lock gate = new();
    private readonly List<PendingFault> pending = [];

    internal EmulatorFaults()
    {
    }

    /// <summary>
    /// Adds a burst; it ends by itself after <see cref="EmulatorFault.Count"/> requests.
    /// </summary>
    public void Add(EmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Delay <= TimeSpan.Zero && fault.StatusCode is not (429 or 503))
        {
            throw new ArgumentException(
                $"A fault answers 429 or 503; found {fault.StatusCode}.", nameof(fault));
        }

        lock (gate)
        {
            pending.Add(new PendingFault(fault, fault.Count));
        }
    }

    /// <summary>Removes every burst not yet used up.</summary>
    public void Clear()
    {
        lock (gate)
        {
            pending.Clear();
        }
    }

    /// <summary>Number of faulty answers still to give.</summary>
    public int Remaining
    {
        get
        {
            lock (gate)
            {
                return pending.Sum(p => p.Remaining);
            }
        }
    }

    /// <summary>Takes one fault for a request to <paramref name="path"/>, if one applies.</summary>
    internal EmulatorFault? Take(string path)
    {
        lock (gate)
        {
            var match = pending.FirstOrDefault(p => p.Fault.PathContains is null
                || path.Contains(p.Fault.PathContains, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return null;
            }

            match.Remaining--;
            if (match.Remaining <= 0)
            {
                pending.Remove(match);
            }

            return match.Fault;
        }
    }

    private sealed class PendingFault(EmulatorFault fault, int remaining)
    {
        public EmulatorFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
