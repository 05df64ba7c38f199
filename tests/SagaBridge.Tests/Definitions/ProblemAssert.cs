using SagaBridge.Transactions.Definitions;
using Xunit.Sdk;

namespace SagaBridge.Tests.Definitions;

/// <summary>Assertions on reported problems that print every problem when they fail.</summary>
internal static class ProblemAssert
{
    /// <summary>
    /// Asserts that a problem at exactly <paramref name="path"/> says all the fragments.
    /// </summary>
    public static void Has(
        IReadOnlyList<DefinitionProblem> problems,
        string path,
        params string[] fragments)
    {
        var match = problems.Any(p => p.Path == path
            && fragments.All(f => p.Message.Contains(f, StringComparison.Ordinal)));
        if (!match)
        {
            throw new XunitException(
                $"Expected a problem at {path} saying [{string.Join("], [", fragments)}]; got:"
                + Environment.NewLine
                + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }
    }

    public static void Has(DefinitionLoadResult result, string path, params string[] fragments)
    {
        Assert.False(result.IsValid);
        Has(result.Problems, path, fragments);
    }
}
