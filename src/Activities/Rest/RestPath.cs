namespace SagaBridge.Activities.Rest;

/// <summary>Builds escaped relative URLs from resource names and path segments.</summary>
internal static class RestPath
{
    /// <summary>Escapes each segment and joins them with '/'.</summary>
    public static string Join(params string[] segments) =>
        string.Join('/', segments.Select(Uri.EscapeDataString));

    /// <summary>
    /// Escapes each segment of a resource name such as <c>projects/p/locations/l</c>.
    /// </summary>
    public static string OfName(string resourceName) =>
        Join(resourceName.Split('/', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A query string (with its '?') from the pairs whose value is not null.</summary>
    public static string Query(params (string Name, string? Value)[] pairs)
    {
        var present = pairs
            .Where(pair => pair.Value is not null)
            .Select(pair =>
                $"{Uri.EscapeDataString(pair.Name)}={Uri.EscapeDataString(pair.Value!)}")
            .ToArray();

        return present.Length == 0 ? string.Empty : "?" + string.Join('&', present);
    }
}
