using System.Text.RegularExpressions;
using SagaBridge.Emulators.Http;

namespace SagaBridge.Emulators.Workflows;

/// <summary>
/// The part of the executions list filter language the emulator understands: comparisons
/// <c>labels.KEY="VALUE"</c> and <c>state="ACTIVE"</c> (quotes optional) joined by <c> AND </c>.
/// </summary>
// Limitation: OR, parentheses, negation and the time, duration and revision fields of the real
// filter language answer 400 here; a small expression parser would add them.
internal sealed partial class ExecutionFilter
{
    private readonly List<Func<WorkflowExecution, bool>> conditions = [];

    private ExecutionFilter()
    {
    }

    public static ExecutionFilter Parse(string? text)
    {
        var filter = new ExecutionFilter();
        if (string.IsNullOrWhiteSpace(text))
        {
            return filter;
        }

        foreach (var clause in text.Split(" AND ", StringSplitOptions.TrimEntries))
        {
            var match = Comparison().Match(clause);
            if (!match.Success)
            {
                throw new WireFormatException($"Invalid filter: '{clause}' is not supported.");
            }

            var field = match.Groups["field"].Value;
            var value = match.Groups["quoted"].Success
                ? match.Groups["quoted"].Value
                : match.Groups["bare"].Value;
            filter.conditions.Add(Condition(field, value));
        }

        return filter;
    }

    public bool Matches(WorkflowExecution execution) => conditions.TrueForAll(c => c(execution));

    private static Func<WorkflowExecution, bool> Condition(string field, string value)
    {
        if (field == "state")
        {
            return e => e.State == value;
        }

        if (field.StartsWith("labels.", StringComparison.Ordinal))
        {
            var key = field["labels.".Length..];

            return e => e.Labels.TryGetValue(key, out var found) && found == value;
        }

        throw new WireFormatException($"Invalid filter: field '{field}' is not supported.");
    }

    [GeneratedRegex(
        """^(?<field>[A-Za-z_][A-Za-z0-9_.\-]*)\s*=\s*(?:"(?<quoted>[^"]*)"|(?<bare>[^\s"]+))$""")]
    private static partial Regex Comparison();
}
