using System.Diagnostics.CodeAnalysis;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// The definitions found in a folder, by name. A file that fails to load is kept with its
/// problems and does not hide the others; the catalog never changes after it is loaded.
/// </summary>
public sealed class DefinitionCatalog
{
    private readonly Dictionary<string, TransactionDefinition> byName;

    private DefinitionCatalog(
        Dictionary<string, TransactionDefinition> byName,
        Dictionary<string, IReadOnlyList<DefinitionProblem>> problems)
    {
        this.byName = byName;
        Problems = problems;
        Names = [.. byName.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Names of the definitions that loaded, in ordinal order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Files that did not load, by full path, with every problem each has. A file repeating a
    /// name that an earlier file (in ordinal file-name order) already defines is one of them.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DefinitionProblem>> Problems { get; }

    /// <summary>
    /// Loads every <c>*.json</c> file directly in <paramref name="path"/>, except JSON Schema
    /// files (<c>*.schema.json</c>), which may sit next to the definitions for editors.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static DefinitionCatalog LoadFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        var files = Directory.EnumerateFiles(path, "*.json", SearchOption.TopDirectoryOnly)
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        var byName = new Dictionary<string, TransactionDefinition>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems =
            new Dictionary<string, IReadOnlyList<DefinitionProblem>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var fullPath = Path.GetFullPath(file);
            if (Read(fullPath, problems) is not { } json)
            {
                continue;
            }

            var result = DefinitionLoader.TryLoad(json);
            if (!result.IsValid)
            {
                problems[fullPath] = result.Problems;
            }
            else if (!byName.TryAdd(result.Definition.Name, result.Definition))
            {
                var name = result.Definition.Name;
                problems[fullPath] = [new DefinitionProblem("$.name", $"'{name}' is already "
                    + $"defined by {Path.GetFileName(sources[name])}")];
            }
            else
            {
                sources[result.Definition.Name] = fullPath;
            }
        }

        return new DefinitionCatalog(byName, problems);
    }

    /// <summary>A catalog of the given definitions (schedules, tests, the demo).</summary>
    /// <exception cref="ArgumentException">Two definitions share a name.</exception>
    public static DefinitionCatalog Of(params TransactionDefinition[] definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);

        var byName = new Dictionary<string, TransactionDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!byName.TryAdd(definition.Name, definition))
            {
                throw new ArgumentException(
                    $"Two definitions are named '{definition.Name}'.",
                    nameof(definitions));
            }
        }

        return new DefinitionCatalog(byName, []);
    }

    /// <summary>Finds a definition by its name.</summary>
    public bool TryGet(string name, [MaybeNullWhen(false)] out TransactionDefinition definition) =>
        byName.TryGetValue(name, out definition);

    private static string? Read(
        string fullPath,
        Dictionary<string, IReadOnlyList<DefinitionProblem>> problems)
    {
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems[fullPath] =
                [new DefinitionProblem("$", $"the file cannot be read: {e.Message}")];
            return null;
        }
    }
}
