namespace SagaBridge.Tests.Infra;

/// <summary>
/// Finds files of the repository from the test binaries, so the tests read the sources a
/// developer edits rather than copies in the output folder.
/// </summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(params string[] relativeParts) =>
        Path.Combine([Root, .. relativeParts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory);
             folder is not null;
             folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SagaBridge.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No SagaBridge.slnx above {AppContext.BaseDirectory}; "
            + "the tests must run inside the repository.");
    }
}
