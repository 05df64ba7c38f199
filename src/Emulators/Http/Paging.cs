using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SagaBridge.Emulators.Http;

/// <summary>Google-style paging: an opaque page token and a bounded page size.</summary>
internal sealed class Paging
{
    private const int DefaultPageSize = 100;

    private Paging(int offset, int size)
    {
        Offset = offset;
        Size = size;
    }

    public int Offset { get; }

    public int Size { get; }

    public static Paging Parse(string? pageSize, string? pageToken, int maxPageSize)
    {
        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize))
        {
            if (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size))
            {
                throw new WireFormatException($"Invalid value for pageSize: '{pageSize}'.");
            }

            size = size == 0 ? DefaultPageSize : Math.Min(size, maxPageSize);
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(pageToken) && !TryDecode(pageToken, out offset))
        {
            throw new WireFormatException("The page token is not valid.");
        }

        return new Paging(offset, size);
    }

    /// <summary>
    /// One page as Google answers it: the array is left out when empty, and
    /// <c>nextPageToken</c> appears only when more items follow.
    /// </summary>
    public JsonObject Answer<T>(IReadOnlyList<T> all, string field, Func<T, JsonObject> toJson)
    {
        var answer = new JsonObject();
        var page = all.Skip(Offset).Take(Size).Select(toJson).ToArray();
        if (page.Length > 0)
        {
            answer[field] = new JsonArray(page);
        }

        if (Offset + Size < all.Count)
        {
            answer["nextPageToken"] = Encode(Offset + Size);
        }

        return answer;
    }

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset}"));

    private static bool TryDecode(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));

            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(
                    text.AsSpan("offset:".Length),
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
