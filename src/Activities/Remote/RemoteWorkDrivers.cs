namespace SagaBridge.Activities.Remote;

/// <summary>The registered drivers, found by step kind.</summary>
public sealed class RemoteWorkDrivers
{
    private readonly Dictionary<string, IRemoteWorkDriver> byKind;

    public RemoteWorkDrivers(IEnumerable<IRemoteWorkDriver> drivers)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        byKind = drivers.ToDictionary(d => d.Kind, StringComparer.Ordinal);
    }

    /// <summary>The driver for <paramref name="kind"/>.</summary>
    /// <exception cref="PermanentRemoteException">
    /// No driver serves that kind in this host.
    /// </exception>
    public IRemoteWorkDriver For(string kind) =>
        byKind.TryGetValue(kind, out var driver)
            ? driver
            : throw new PermanentRemoteException(
                $"No driver is registered for step kind '{kind}'; expected one of: "
                + string.Join(", ", byKind.Keys.Order(StringComparer.Ordinal)) + ".",
                statusCode: null);
}
