namespace SagaBridge.Activities.Credentials;

/// <summary>
/// Always answers the same token; for emulators and tests, never for real clouds.
/// </summary>
public sealed class StaticAccessTokenSource(string token) : IAccessTokenSource
{
    private readonly string token = string.IsNullOrEmpty(token)
        ? throw new ArgumentException("A static token must not be empty.", nameof(token))
        : token;

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(token);
}
