using System.Net;
using SagaBridge.Transactions.Callbacks;

namespace SagaBridge.Standalone.Http;

/// <summary>Where the standalone HTTP host listens and how it checks callers.</summary>
public sealed class TransactionHttpHostOptions
{
    /// <summary>The Azure Functions host's local port, so scripts work against both.</summary>
    public const int DefaultPort = 7071;

    /// <summary>
    /// TCP port to listen on; 0 picks a free one (see <see cref="TransactionHttpHost.BaseUrl"/>).
    /// </summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// Address to listen on. Loopback by default; any other address exposes the API to the
    /// network, so the host refuses to start without an <see cref="ApiKey"/>.
    /// </summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>
    /// The key every API call must carry in <c>x-api-key</c> or <c>x-functions-key</c>.
    /// Required when <see cref="BindAddress"/> is not loopback; checked whenever it is set.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// How callbacks are checked (signing key, Event Grid secret). Null turns the callback
    /// routes off: they answer 401, and steps finish by polling.
    /// </summary>
    public CallbackOptions? Callbacks { get; set; }

    /// <summary>Whether callers are checked: a key is set or the address is not loopback.</summary>
    public bool RequiresKey => ApiKey is not null || !IPAddress.IsLoopback(BindAddress);

    /// <summary>Checks the options before anything starts listening.</summary>
    /// <exception cref="UnsafeBindingException">
    /// The address is not loopback and no API key is configured.
    /// </exception>
    /// <exception cref="ArgumentException">The key is empty or the port out of range.</exception>
    public void Validate()
    {
        if (!IPAddress.IsLoopback(BindAddress) && string.IsNullOrEmpty(ApiKey))
        {
            throw new UnsafeBindingException(
                $"Listening on {BindAddress} exposes the transaction API beyond this machine; "
                + "give an API key (--api-key) or bind to 127.0.0.1.");
        }

        if (ApiKey is { Length: 0 })
        {
            throw new ArgumentException("The API key must not be empty.", nameof(ApiKey));
        }

        if (Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentException(
                $"The port must be 0 to {IPEndPoint.MaxPort}; found {Port}.",
                nameof(Port));
        }
    }
}
