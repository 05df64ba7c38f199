using System.Text.Json.Nodes;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Tests.Definitions;

/// <summary>Small valid definitions that tests change one thing in.</summary>
internal static class DefinitionDocuments
{
    /// <summary>
    /// Three Cloud Workflows steps a, b, c in sequence, each undone by a workflow.
    /// </summary>
    public static JsonObject Sequential() => new()
    {
        ["name"] = "three-steps",
        ["version"] = "1",
        ["inputSchema"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("project"),
            ["properties"] = new JsonObject
            {
                ["project"] = new JsonObject { ["type"] = "string" },
                ["size"] = new JsonObject { ["type"] = "integer" },
            },
        },
        ["steps"] = new JsonArray(Step("a"), Step("b"), Step("c")),
    };

    public static JsonObject Step(string id, string workflow = "wf") => new()
    {
        ["id"] = id,
        ["kind"] = "gcp.workflow",
        ["parameters"] = WorkflowParameters(workflow),
        ["compensate"] = new JsonObject
        {
            ["kind"] = "gcp.workflow",
            ["parameters"] = WorkflowParameters("undo-" + workflow),
        },
    };

    public static JsonObject WorkflowParameters(string workflow) => new()
    {
        ["project"] = "{{input.project}}",
        ["location"] = "europe-west4",
        ["workflow"] = workflow,
    };

    public static JsonObject StepAt(JsonObject document, int index) =>
        document["steps"]![index]!.AsObject();

    public static DefinitionLoadResult Load(JsonNode document) =>
        DefinitionLoader.TryLoad(document.ToJsonString());

    public static string ExamplePath(string file) =>
        Path.Combine(AppContext.BaseDirectory, "examples", file);
}
