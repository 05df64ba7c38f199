using Microsoft.Extensions.DependencyInjection;
using SagaBridge.Activities.Configuration;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Standalone;

/// <summary>How a <see cref="TransactionEngine"/> runs and which clouds it talks to.</summary>
public sealed class TransactionEngineOptions
{
    /// <summary>The durable engine: Azure Storage (Azurite by default) or in memory.</summary>
    public StandaloneEngineOptions Engine { get; set; } = new();

    /// <summary>The definitions the API starts by name.</summary>
    public DefinitionCatalog Catalog { get; set; } = DefinitionCatalog.Of();

    /// <summary>
    /// When set, every cloud API is this emulator base URL and calls carry a static token;
    /// when null, the real Google and Azure endpoints and credentials are used.
    /// </summary>
    public Uri? EmulatorBaseUrl { get; set; }

    /// <summary>Credentials for Google when no emulator is used.</summary>
    public GoogleCredentialOptions Google { get; set; } = new();

    /// <summary>Retry of remote reads inside one activity run.</summary>
    public Action<RemoteCallRetryOptions>? ConfigureRetry { get; set; }

    /// <summary>Further services the activities need (callback issuers, test doubles).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}
