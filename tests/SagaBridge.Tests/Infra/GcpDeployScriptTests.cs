using System.Runtime.Versioning;

namespace SagaBridge.Tests.Infra;

// deploy.sh is a bash script, and the Bicep CLI these tests restore is the linux-x64 build.
[SupportedOSPlatform("linux")]
public sealed class GcpDeployScriptTests : IDisposable
{
    private const string ObjectId = "66666666-7777-8888-9999-000000000000";

    private readonly string _scratch =
        Directory.CreateTempSubdirectory("sagabridge-infra-").FullName;

    private static string Script => RepositoryFiles.PathOf("infra", "gcp", "deploy.sh");

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task DryRunPrintsTheGcloudCommandsAndRunsNone()
    {
        var calls = Path.Combine(_scratch, "gcloud-calls");
        var environment = WithRecordingGcloud(calls);

        var result = await ExternalCommand.RunAsync(
            "bash",
            [Script, "--dry-run", .. RequiredArguments()],
            environment);

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.False(File.Exists(calls), $"gcloud was run in a dry run: {ReadOrEmpty(calls)}");
        var commands = result.StandardOutput.Split('\n')
            .Where(line => line.StartsWith("gcloud ", StringComparison.Ordinal))
            .ToList();
        var provider = Assert.Single(
            commands,
            line => line.StartsWith(
                "gcloud iam workload-identity-pools providers create-oidc",
                StringComparison.Ordinal));
        Assert.Contains("--attribute-mapping=google.subject=assertion.sub", provider);
        Assert.Contains($"assertion.oid == '\\''{ObjectId}'\\''", provider);
        Assert.Contains("--allowed-audiences=api://sagabridge-test", provider);
        Assert.Contains("--issuer-uri=https://sts.windows.net/", provider);
        Assert.All(WorkflowSource.Names, name => Assert.Contains(commands, line => line.StartsWith(
            $"gcloud workflows deploy {name} ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("roles/workflows.invoker")]
    [InlineData("roles/dataflow.developer")]
    [InlineData("roles/iam.serviceAccountUser")]
    [InlineData("roles/storage.objectViewer")]
    [InlineData("roles/iam.workloadIdentityUser")]
    public async Task DryRunGrantsEachRoleTheFederatedAppNeeds(string role)
    {
        var environment = WithRecordingGcloud(Path.Combine(_scratch, "gcloud-calls"));

        var result = await ExternalCommand.RunAsync(
            "bash",
            [Script, "--dry-run", .. RequiredArguments()],
            environment);

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Contains(
            result.StandardOutput.Split('\n'),
            line => line.Contains("add-iam-policy-binding", StringComparison.Ordinal)
                && line.Contains($"--role={role}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingManagedIdentityIsRefusedWithAMessage()
    {
        var arguments = RequiredArguments().ToList();
        var index = arguments.IndexOf("--azure-object-id");
        arguments.RemoveRange(index, 2);

        var result = await ExternalCommand.RunAsync(
            "bash",
            [Script, "--dry-run", .. arguments],
            WithRecordingGcloud(Path.Combine(_scratch, "gcloud-calls")));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--azure-object-id is required", result.StandardError);
    }

    [Fact]
    public async Task ScriptIsCleanUnderShellcheck()
    {
        var shellcheck = ExternalCommand.FindOnPath("shellcheck");
        Assert.True(
            shellcheck is not null,
            "shellcheck is not installed: run `apt-get install -y shellcheck` (Debian).");

        var result = await ExternalCommand.RunAsync(shellcheck, [Script]);

        Assert.True(result.ExitCode == 0, result.Transcript);
    }

    private static string[] RequiredArguments() =>
    [
        "--project", "sagabridge-test",
        "--region", "europe-west4",
        "--tenant-id", "11111111-2222-3333-4444-555555555555",
        "--app-id-uri", "api://sagabridge-test",
        "--azure-object-id", ObjectId,
        "--endpoint-id", "1234567890",
    ];

    // A gcloud first on PATH that records any call, so a dry run that runs gcloud is caught
    // even on a machine where the real gcloud is installed.
    private Dictionary<string, string> WithRecordingGcloud(string callsFile)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        var gcloud = Path.Combine(bin, "gcloud");
        File.WriteAllText(gcloud, $"#!/bin/sh\necho \"$*\" >> '{callsFile}'\nexit 1\n");
        File.SetUnixFileMode(
            gcloud,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        return new Dictionary<string, string>
        {
            ["PATH"] = $"{bin}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}",
        };
    }

    private static string ReadOrEmpty(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : string.Empty;
}
