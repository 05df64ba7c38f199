namespace SagaBridge.Transactions.Definitions;

/// <summary>One thing wrong with a transaction definition or a transaction input.</summary>
/// <param name="Path">
/// JSON path of the offending value, for example <c>$.steps[2].parameters.workflow</c>;
/// <c>$</c> is the document root and <c>$.input</c> the transaction input.
/// </param>
/// <param name="Message">What was expected there and what was found.</param>
public sealed record DefinitionProblem(string Path, string Message)
{
    /// <summary>The problem as one line: the path, a colon, the message.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
