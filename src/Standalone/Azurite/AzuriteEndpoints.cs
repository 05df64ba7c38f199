using System.Globalization;

namespace SagaBridge.Standalone.Azurite;

/// <summary>
/// The loopback ports of a local Azurite, and the connection string that reaches them.
/// </summary>
/// <param name="BlobPort">Port of the blob service.</param>
/// <param name="QueuePort">Port of the queue service.</param>
/// <param name="TablePort">Port of the table service.</param>
public sealed record AzuriteEndpoints(int BlobPort, int QueuePort, int TablePort)
{
    /// <summary>Azurite's default ports: what <c>UseDevelopmentStorage=true</c> means.</summary>
    public static readonly AzuriteEndpoints Default = new(10000, 10001, 10002);

    /// <summary>The development account every Azurite accepts.</summary>
    public const string AccountName = "devstoreaccount1";

    // Azurite's published, fixed development key: it protects nothing and is not a secret.
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>A connection string for these ports on 127.0.0.1.</summary>
    public string ToConnectionString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};"
            + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};"
            + $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};");

    /// <summary>
    /// Reads the Azurite ports out of a connection string. Succeeds for
    /// <c>UseDevelopmentStorage=true</c> and for strings whose blob, queue and table
    /// endpoints are all on 127.0.0.1 or localhost; fails for any other storage.
    /// </summary>
    public static bool TryParse(string? connectionString, out AzuriteEndpoints endpoints)
    {
        endpoints = Default;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var settings = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);

        if (settings.TryGetValue("UseDevelopmentStorage", out var development)
            && bool.TryParse(development, out var useDevelopment)
            && useDevelopment)
        {
            return true;
        }

        int? blob = LoopbackPort(settings, "BlobEndpoint");
        int? queue = LoopbackPort(settings, "QueueEndpoint");
        int? table = LoopbackPort(settings, "TableEndpoint");
        if (blob is null || queue is null || table is null)
        {
            return false;
        }

        endpoints = new AzuriteEndpoints(blob.Value, queue.Value, table.Value);

        return true;
    }

    private static int? LoopbackPort(Dictionary<string, string> settings, string key)
    {
        if (!settings.TryGetValue(key, out var value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return uri.IsLoopback ? uri.Port : null;
    }
}
