using System.Text.Json;
using System.Text.Json.Nodes;
using SagaBridge.FunctionApp.Configuration;

namespace SagaBridge.Tests.Infra;

public sealed class AppSettingsTests
{
    [Fact]
    public async Task BicepSetsExactlyTheAppSettingsTheFunctionAppReads()
    {
        var template = await BicepCompiler.BuildMainTemplateAsync();

        var settings = BicepTemplateTests
            .ResourcesOfType(template, "Microsoft.Web/sites/config")
            .Single(resource => ((string?)resource["name"])!.Contains(
                "appsettings",
                StringComparison.Ordinal))["properties"]!
            .AsObject()
            .Select(pair => pair.Key);

        Assert.Equal(AppSettingNames.All.Order(), settings.Order());
    }

    [Fact]
    public async Task SecretsReachTheAppAsKeyVaultReferences()
    {
        var template = await BicepCompiler.BuildMainTemplateAsync();

        var settings = BicepTemplateTests
            .ResourcesOfType(template, "Microsoft.Web/sites/config")
            .Single()["properties"]!;

        Assert.Contains("@Microsoft.KeyVault(SecretUri=", template.ToJsonString());
        Assert.Contains(
            "keyVaultReference(",
            (string?)settings[AppSettingNames.CallbackSigningKey]);
        Assert.Contains(
            "keyVaultReference(",
            (string?)settings[AppSettingNames.EventGridSecret]);
    }

    [Fact]
    public void LocalSettingsSampleHasAStringValueAndADescriptionForEverySetting()
    {
        var sample = ReadLocalSettingsSample();
        var values = sample["Values"]!.AsObject();
        var docs = sample["_doc"]!.AsObject();

        var missingValues = AppSettingNames.All.Where(name => !values.ContainsKey(name));
        var undocumented = values.Select(pair => pair.Key).Where(name => !docs.ContainsKey(name));
        var notStrings = values
            .Where(pair => pair.Value?.GetValueKind() != JsonValueKind.String)
            .Select(pair => pair.Key);

        Assert.Empty(missingValues);
        Assert.Empty(undocumented);
        Assert.Empty(notStrings);
    }

    private static JsonObject ReadLocalSettingsSample()
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf("local.settings.sample.json"));

        return JsonNode.Parse(text)!.AsObject();
    }
}
