namespace SagaBridge.Activities.Configuration;

/// <summary>
/// How SagaBridge obtains Azure tokens, for Azure Resource Manager and for federation.
/// </summary>
public sealed class AzureCredentialOptions
{
    /// <summary>
    /// Client id of a user-assigned managed identity; null uses the system-assigned identity
    /// (or whatever <c>DefaultAzureCredential</c> finds on a developer machine).
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// Send <see cref="StaticToken"/> to Azure Resource Manager (emulators only).
    /// </summary>
    public bool UseStaticToken { get; set; }

    /// <summary>The token sent when <see cref="UseStaticToken"/> is set.</summary>
    public string StaticToken { get; set; } = "sagabridge-emulator";
}
