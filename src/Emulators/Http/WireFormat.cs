using System.Globalization;

namespace SagaBridge.Emulators.Http;

/// <summary>How values are spelled on the wire by the emulated APIs.</summary>
internal static class WireFormat
{
    /// <summary>RFC 3339 in UTC with microseconds, as Google and ARM answer.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A protobuf JSON duration: seconds with a fraction, suffixed by <c>s</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        var seconds = value.TotalSeconds;

        return seconds == Math.Floor(seconds)
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0}s")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000}s");
    }

    /// <summary>Whole seconds for a <c>Retry-After</c> header, rounded up, at least 1.</summary>
    public static string RetryAfterSeconds(TimeSpan value) =>
        Math.Max(1, (int)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
