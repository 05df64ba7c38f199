using System.Text.Json.Nodes;

namespace SagaBridge.Cli.Remote;

/// <summary>What a running SagaBridge instance answered: status code and JSON body.</summary>
internal sealed record RemoteAnswer(int Status, JsonNode? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>
    /// Prints a problem-details answer as one "path: message" line per offending field (or
    /// its detail when it names none) and returns the exit code: 2 for a 4xx, 3 otherwise.
    /// </summary>
    public int PrintProblem(TextWriter errors)
    {
        var lines = (Body?["errors"] as JsonArray ?? [])
            .Select(e => $"{Text(e?["path"])}: {Text(e?["message"])}")
            .ToList();
        if (lines.Count == 0)
        {
            lines.Add($"{Status}: {Text(Body?["detail"]) ?? Text(Body?["title"]) ?? "no details"}");
        }

        foreach (var line in lines)
        {
            errors.WriteLine(line);
        }

        return Status is >= 400 and < 500 ? 2 : 3;
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : node?.ToJsonString();
}
