using System.Globalization;
using System.Text.RegularExpressions;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// Durations as definitions write them: a whole number, then one of ms, s, m, h or d.
/// </summary>
internal static partial class Duration
{
    /// <summary>Ten years: longer makes no sense for a step and would overflow timers.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    private static readonly (string Unit, long Milliseconds)[] Units =
    [
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = Shape().Match(text);
        if (!match.Success || match.Groups[1].Value.Length > 15)
        {
            return false;
        }

        var count = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = Units.First(u => u.Unit == match.Groups[2].Value).Milliseconds;
        var milliseconds = count * unit;
        if (milliseconds > (decimal)Longest.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds((long)milliseconds);
        return true;
    }

    public static bool HasShape(string text) => Shape().IsMatch(text);

    /// <summary>Writes the largest unit that represents the value exactly.</summary>
    public static string Format(TimeSpan value)
    {
        var milliseconds = (long)value.TotalMilliseconds;
        var (unit, size) = Units.First(u => milliseconds % u.Milliseconds == 0);

        return (milliseconds / size).ToString(CultureInfo.InvariantCulture) + unit;
    }

    [GeneratedRegex("^([0-9]+)(ms|s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
