namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// Loads transaction definitions from JSON and checks everything that can be checked before a
/// transaction starts: shape, step kinds and parameters, dependencies, templates, pivot and
/// compensations. Pure and deterministic, so orchestrators may load their snapshot on replay.
/// </summary>
public static class DefinitionLoader
{
    /// <summary>Loads a definition or reports every problem with it.</summary>
    /// <exception cref="InvalidDefinitionException">
    /// The definition has problems; the only exception this method throws.
    /// </exception>
    public static TransactionDefinition Load(string json)
    {
        var result = TryLoad(json);

        return result.IsValid
            ? result.Definition
            : throw new InvalidDefinitionException(result.Problems);
    }

    /// <summary>Loads a definition; never throws, whatever the text.</summary>
    public static DefinitionLoadResult TryLoad(string json) => DefinitionReader.Read(json);
}
