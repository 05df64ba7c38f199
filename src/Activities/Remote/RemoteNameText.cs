using System.Text;

namespace SagaBridge.Activities.Remote;

/// <summary>Turns free text (step ids, prefixes) into the readable part of a remote name.</summary>
internal static class RemoteNameText
{
    /// <summary>
    /// Lowercases, keeps ASCII letters and digits and the <paramref name="allowed"/> marks,
    /// turns everything else into '-', collapses runs of '-', trims '-' from both ends and
    /// cuts to <paramref name="maxLength"/>. May return an empty string.
    /// </summary>
    public static string Sanitise(string? text, int maxLength, string allowed = "-")
    {
        var builder = new StringBuilder();

        foreach (var character in (text ?? string.Empty).ToLowerInvariant())
        {
            var kept = char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character)
                || allowed.Contains(character, StringComparison.Ordinal);
            var next = kept ? character : '-';

            if (next == '-' && builder.Length > 0 && builder[^1] == '-')
            {
                continue;
            }

            builder.Append(next);
        }

        var trimmed = builder.ToString().Trim('-');
        var cut = trimmed.Length <= maxLength ? trimmed : trimmed[..maxLength];

        return cut.TrimEnd('-');
    }
}
