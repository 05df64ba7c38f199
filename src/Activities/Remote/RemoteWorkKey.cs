using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SagaBridge.Activities.Remote;

/// <summary>
/// What makes one piece of remote work unique: the same key always yields the same remote
/// names and labels, so a repeated start finds what an earlier one created.
/// </summary>
/// <param name="TransactionId">The transaction (orchestration instance) id.</param>
/// <param name="StepId">The step id.</param>
/// <param name="Role">"step" or "compensation".</param>
/// <param name="Attempt">The run number of this work.</param>
public readonly record struct RemoteWorkKey(
    string TransactionId,
    string StepId,
    string Role,
    int Attempt)
{
    /// <summary>The key of a start request.</summary>
    public static RemoteWorkKey Of(RemoteWorkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return new RemoteWorkKey(
            request.TransactionId,
            request.StepId,
            request.Role,
            request.Attempt);
    }

    /// <summary>
    /// Lowercase hex digest of the key, <paramref name="length"/> characters (at most 64).
    /// 32 characters (128 bits) make an accidental collision practically impossible.
    /// </summary>
    public string Digest(int length = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 64);

        // Length prefixes keep ("a-b", "c") and ("a", "b-c") apart whatever the ids contain.
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{TransactionId?.Length}:{TransactionId}|{StepId?.Length}:{StepId}|"
            + $"{Role?.Length}:{Role}|{Attempt}");

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));

        return Convert.ToHexStringLower(hash)[..length];
    }
}
