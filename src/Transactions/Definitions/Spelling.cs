namespace SagaBridge.Transactions.Definitions;

/// <summary>Finds what a misspelt name was probably meant to be.</summary>
internal static class Spelling
{
    /// <summary>The closest candidate within a small edit distance, or null.</summary>
    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(written.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        var tolerance = Math.Max(1, Math.Min(3, written.Length / 3));

        return bestDistance <= tolerance ? best : null;
    }

    /// <summary>A " Did you mean 'x'?" suffix, or nothing.</summary>
    public static string Suggest(string written, IEnumerable<string> candidates) =>
        Closest(written, candidates) is { } closest ? $"; did you mean '{closest}'?" : string.Empty;

    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
