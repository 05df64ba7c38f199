using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SagaBridge.Tests.Infra;

public sealed class BicepTemplateTests
{
    [Fact]
    public async Task MainTemplateBuildsWithoutErrorsOrWarnings()
    {
        var result = await BicepCompiler.RunAsync(null, "build", "main.bicep", "--stdout");

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.True(result.StandardError.Trim().Length == 0, result.Transcript);
    }

    [Fact]
    public async Task MainTemplatePassesTheLinterWithoutWarnings()
    {
        var result = await BicepCompiler.RunAsync(null, "lint", "main.bicep");

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.DoesNotContain("Warning", result.StandardOutput + result.StandardError);
        Assert.DoesNotContain("Error", result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task ExampleParametersFileBuildsAndLintsWhenTheSecretsAreInTheEnvironment()
    {
        var secrets = new Dictionary<string, string>
        {
            ["SAGABRIDGE_CALLBACK_SIGNING_KEY"] = Convert.ToBase64String(
                RandomNumberGenerator.GetBytes(32)),
            ["SAGABRIDGE_EVENTGRID_SECRET"] = Convert.ToBase64String(
                RandomNumberGenerator.GetBytes(32)),
        };

        var build = await BicepCompiler.RunAsync(
            secrets,
            "build-params",
            "main.example.bicepparam",
            "--stdout");
        var lint = await BicepCompiler.RunAsync(secrets, "lint", "main.example.bicepparam");

        Assert.True(build.ExitCode == 0, build.Transcript);
        Assert.True(build.StandardError.Trim().Length == 0, build.Transcript);
        Assert.True(lint.ExitCode == 0, lint.Transcript);
        Assert.True((lint.StandardOutput + lint.StandardError).Trim().Length == 0, lint.Transcript);
    }

    [Fact]
    public async Task RepositoryLinterConfigurationTurnsRuleViolationsIntoErrors()
    {
        var folder = Directory.CreateTempSubdirectory("sagabridge-bicep-").FullName;
        try
        {
            File.Copy(
                RepositoryFiles.PathOf("infra", "azure", "bicepconfig.json"),
                Path.Combine(folder, "bicepconfig.json"));
            await File.WriteAllTextAsync(
                Path.Combine(folder, "unused.bicep"),
                "param neverUsed string\n");

            var result = await ExternalCommand.RunAsync(
                BicepCompiler.Executable,
                ["lint", "unused.bicep"],
                workingDirectory: folder);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error no-unused-params", result.StandardOutput + result.StandardError);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task FunctionAppRunsDotnetIsolatedOnFlexConsumptionWithASystemAssignedIdentity()
    {
        var template = await BicepCompiler.BuildMainTemplateAsync();

        var plan = ResourcesOfType(template, "Microsoft.Web/serverfarms").Single();
        var site = ResourcesOfType(template, "Microsoft.Web/sites").Single();
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("SystemAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
    }

    [Fact]
    public async Task StorageAccountRefusesSharedKeys()
    {
        var template = await BicepCompiler.BuildMainTemplateAsync();

        var storage = ResourcesOfType(template, "Microsoft.Storage/storageAccounts").Single();

        Assert.False((bool)storage["properties"]!["allowSharedKeyAccess"]!);
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6")] // Key Vault Secrets User
    [InlineData("f6c7c914-8db3-469d-8ca1-694a8f32e121")] // AzureML Data Scientist
    public async Task AppIdentityIsGrantedTheRolesTheDurableEngineAndAzureMlNeed(string roleId)
    {
        var template = await BicepCompiler.BuildMainTemplateAsync();

        var compiled = template.ToJsonString();

        Assert.Contains(roleId, compiled, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EventGridSubscriptionDeliversAzureMlRunEventsWithTheSecretHeader()
    {
        var template = await BicepCompiler.BuildMainTemplateAsync();

        var compiled = template.ToJsonString();

        Assert.Contains("Microsoft.MachineLearningServices.RunCompleted", compiled);
        Assert.Contains("Microsoft.MachineLearningServices.RunStatusChanged", compiled);
        Assert.Contains("x-sagabridge-secret", compiled);
        Assert.Contains("/api/callbacks/eventgrid", compiled);
    }

    internal static IEnumerable<JsonObject> ResourcesOfType(JsonObject template, string type)
    {
        // Bicep writes resources as an array, or as a symbolic-name map when the template uses
        // language version 2.0 features such as user-defined functions.
        IEnumerable<JsonNode?> resources = template["resources"] switch
        {
            JsonArray array => array,
            JsonObject map => map.Select(pair => pair.Value),
            _ => [],
        };

        return resources
            .OfType<JsonObject>()
            .Where(resource => string.Equals(
                (string?)resource["type"],
                type,
                StringComparison.OrdinalIgnoreCase));
    }
}
