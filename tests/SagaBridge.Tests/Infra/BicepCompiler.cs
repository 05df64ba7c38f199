using System.Reflection;
using System.Text.Json.Nodes;

namespace SagaBridge.Tests.Infra;

/// <summary>
/// The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64) with the test project;
/// its path is stamped into the test assembly at build time.
/// </summary>
internal static class BicepCompiler
{
    public static string Executable
    {
        get
        {
            var path = typeof(BicepCompiler).Assembly
                .GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(attribute => attribute.Key == "BicepExecutable")
                .Value;

            return path is not null && File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    "The Bicep CLI was not restored; run `dotnet restore tests/SagaBridge.Tests`.",
                    path);
        }
    }

    public static Task<CommandResult> RunAsync(
        IReadOnlyDictionary<string, string>? environment,
        params string[] arguments) =>
        ExternalCommand.RunAsync(
            Executable,
            arguments,
            environment,
            RepositoryFiles.PathOf("infra", "azure"));

    // One compilation serves every test that reads the template; they only read it.
    private static readonly Lazy<Task<JsonObject>> MainTemplate = new(CompileMainTemplateAsync);

    /// <summary>main.bicep compiled to ARM JSON; fails the test when compilation fails.</summary>
    public static Task<JsonObject> BuildMainTemplateAsync() => MainTemplate.Value;

    private static async Task<JsonObject> CompileMainTemplateAsync()
    {
        var result = await RunAsync(null, "build", "main.bicep", "--stdout");
        Assert.True(result.ExitCode == 0, result.Transcript);

        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }
}
