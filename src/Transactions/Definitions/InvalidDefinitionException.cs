namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// A transaction definition cannot be used. <see cref="Problems"/> lists every problem found,
/// not only the first, so one round of edits can fix them all.
/// </summary>
public sealed class InvalidDefinitionException : Exception
{
    public InvalidDefinitionException()
        : this([new DefinitionProblem("$", "the definition is invalid")])
    {
    }

    public InvalidDefinitionException(string message)
        : base(message)
    {
        Problems = [new DefinitionProblem("$", message)];
    }

    public InvalidDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new DefinitionProblem("$", message)];
    }

    /// <summary>Creates the exception; its message lists every problem, one per line.</summary>
    public InvalidDefinitionException(IReadOnlyList<DefinitionProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in document order as far as the checks allow.</summary>
    public IReadOnlyList<DefinitionProblem> Problems { get; }

    private static string Describe(IReadOnlyList<DefinitionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);

        var noun = problems.Count == 1 ? "problem" : "problems";
        var lines = problems.Select(p => "  " + p);

        return $"The transaction definition is invalid ({problems.Count} {noun}):"
            + Environment.NewLine
            + string.Join(Environment.NewLine, lines);
    }
}
