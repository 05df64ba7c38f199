namespace SagaBridge.FunctionApp.Configuration;

/// <summary>
/// Every app setting the Function App reads. The Bicep template sets exactly these (a test
/// compares the two), and <c>local.settings.sample.json</c> documents each.
/// </summary>
public static class AppSettingNames
{
    /// <summary>Storage account of the durable task hub (identity-based connection).</summary>
    public const string StorageAccountName = "AzureWebJobsStorage__accountName";

    /// <summary>Name of the durable task hub inside that account.</summary>
    public const string TaskHub = "SAGABRIDGE_TASK_HUB";

    /// <summary>Application Insights connection string.</summary>
    public const string ApplicationInsights = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Folder of transaction definition files, relative to the app root.</summary>
    public const string DefinitionsPath = "SagaBridge__DefinitionsPath";

    /// <summary>JSON file of timer schedules, relative to the app root.</summary>
    public const string SchedulesPath = "SagaBridge__SchedulesPath";

    /// <summary>Workload identity pool provider audience (//iam.googleapis.com/...).</summary>
    public const string GoogleWorkloadIdentityAudience =
        "SagaBridge__Google__WorkloadIdentityAudience";

    /// <summary>Application ID URI the managed identity requests a token for.</summary>
    public const string GoogleSubjectTokenAudience = "SagaBridge__Google__SubjectTokenAudience";

    /// <summary>Google service account to impersonate after federation.</summary>
    public const string GoogleServiceAccount = "SagaBridge__Google__ServiceAccountEmail";

    /// <summary>Public base URL of this app, for signed per-step callback URLs.</summary>
    public const string CallbackBaseUrl = "SagaBridge__Callbacks__BaseUrl";

    /// <summary>Key that signs per-step callback URLs (a Key Vault reference in Azure).</summary>
    public const string CallbackSigningKey = "SagaBridge__Callbacks__SigningKey";

    /// <summary>Shared secret Event Grid deliveries must carry.</summary>
    public const string EventGridSecret = "SagaBridge__EventGrid__Secret";

    /// <summary>All of the above, for the comparison with the deployment template.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        StorageAccountName,
        TaskHub,
        ApplicationInsights,
        DefinitionsPath,
        SchedulesPath,
        GoogleWorkloadIdentityAudience,
        GoogleSubjectTokenAudience,
        GoogleServiceAccount,
        CallbackBaseUrl,
        CallbackSigningKey,
        EventGridSecret,
    ];
}
