using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Transactions.Callbacks;

/// <summary>
/// The token in a step's callback URL: the run it was issued for (transaction, step, role,
/// attempt), signed with HMAC-SHA256. It is URL-safe (base64url) and carries no secret, but
/// it is a bearer credential: never log it.
/// </summary>
public static class StepCallbackToken
{
    private const string Version = "v1";

    private static readonly char[] Separator = ['.'];

    /// <summary>The token of <paramref name="key"/>, signed with <paramref name="signingKey"/>.
    /// </summary>
    public static string Sign(RemoteWorkKey key, string signingKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);

        var payload = JsonSerializer.SerializeToUtf8Bytes(new object[]
        {
            key.TransactionId,
            key.StepId,
            key.Role,
            key.Attempt,
        });
        var encoded = Base64Url(payload);

        return $"{Version}.{encoded}.{Base64Url(Signature(encoded, signingKey))}";
    }

    /// <summary>
    /// Reads a token; false when it is malformed or its signature does not match, in which
    /// case nothing in it can be trusted.
    /// </summary>
    public static bool TryVerify(string? token, string signingKey, out RemoteWorkKey key)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        key = default;

        var parts = token?.Split(Separator);
        if (parts is not [Version, var encoded, var signature]
            || !TryDecode(signature, out var claimed)
            || !CryptographicOperations.FixedTimeEquals(claimed, Signature(encoded, signingKey))
            || !TryDecode(encoded, out var payload))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var values = document.RootElement;
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() != 4)
            {
                return false;
            }

            key = new RemoteWorkKey(
                values[0].GetString()!,
                values[1].GetString()!,
                values[2].GetString()!,
                values[3].GetInt32());

            return true;
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException
            or FormatException)
        {
            return false;
        }
    }

    private static byte[] Signature(string encodedPayload, string signingKey)
    {
        // The purpose prefix keeps this signature from ever matching one made with the same
        // key for something else.
        var signed = Encoding.UTF8.GetBytes("sagabridge-step-callback." + encodedPayload);

        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), signed);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded);

            // Only the canonical spelling is accepted, so one run has exactly one token.
            return Base64Url(bytes) == text;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
