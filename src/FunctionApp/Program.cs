using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SagaBridge.Activities;
using SagaBridge.FunctionApp.Configuration;
using SagaBridge.Transactions.Definitions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var settings = builder.Configuration;
builder.Services.AddSingleton(_ => DefinitionCatalog.LoadFolder(Path.Combine(
    AppContext.BaseDirectory,
    settings[Key(AppSettingNames.DefinitionsPath)] ?? "definitions")));
builder.Services.AddSagaBridgeActivities(
    configureGoogle: google =>
    {
        google.WorkloadIdentityAudience =
            settings[Key(AppSettingNames.GoogleWorkloadIdentityAudience)];
        google.SubjectTokenAudience = settings[Key(AppSettingNames.GoogleSubjectTokenAudience)]
            ?? google.SubjectTokenAudience;
        google.ServiceAccountEmail = settings[Key(AppSettingNames.GoogleServiceAccount)];
    });

await builder.Build().RunAsync();

// App settings use "__" as the section separator; configuration keys use ":".
static string Key(string appSetting) => appSetting.Replace("__", ":", StringComparison.Ordinal);
