namespace SagaBridge.Activities.Configuration;

/// <summary>
/// How SagaBridge obtains Google access tokens. With nothing set, application default
/// credentials are used as they are.
/// </summary>
public sealed class GoogleCredentialOptions
{
    /// <summary>
    /// Service account to impersonate with the base credential; the base identity needs
    /// <c>roles/iam.serviceAccountTokenCreator</c> on it. Null means no impersonation.
    /// </summary>
    public string? ServiceAccountEmail { get; set; }

    /// <summary>
    /// Workload identity provider to exchange an Azure managed identity token at, as
    /// <c>//iam.googleapis.com/projects/NUM/locations/global/workloadIdentityPools/POOL</c>
    /// <c>/providers/PROVIDER</c> (one string).
    /// When set, application default credentials are not used.
    /// </summary>
    public string? WorkloadIdentityAudience { get; set; }

    /// <summary>
    /// The application ID URI the Azure token is requested for (the audience the pool's
    /// provider accepts), for example <c>api://AzureADTokenExchange</c>.
    /// </summary>
    public string SubjectTokenAudience { get; set; } = "api://AzureADTokenExchange";

    /// <summary>Google's security token service, where the Azure token is exchanged.</summary>
    public Uri SecurityTokenServiceUrl { get; set; } = new("https://sts.googleapis.com/v1/token");

    /// <summary>Send <see cref="StaticToken"/> instead of a real token (emulators only).</summary>
    public bool UseStaticToken { get; set; }

    /// <summary>The token sent when <see cref="UseStaticToken"/> is set.</summary>
    public string StaticToken { get; set; } = "sagabridge-emulator";
}
