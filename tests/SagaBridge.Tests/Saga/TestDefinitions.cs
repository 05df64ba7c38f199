using System.Text.Json.Nodes;

namespace SagaBridge.Tests.Saga;

/// <summary>Definitions for saga tests: fast polls and retries, one workflow per step.</summary>
internal static class TestDefinitions
{
    public const string Project = "demo-project";

    public const string Location = "europe-west4";

    public static JsonObject Definition(string name, params JsonObject[] steps) => new()
    {
        ["name"] = name,
        ["version"] = "1",
        ["defaults"] = new JsonObject
        {
            ["timeout"] = "2m",
            ["retry"] = new JsonObject
            {
                ["maxAttempts"] = 3,
                ["initialInterval"] = "20ms",
                ["backoffCoefficient"] = 2,
                ["maxInterval"] = "100ms",
            },
            ["poll"] = new JsonObject
            {
                ["initialInterval"] = "20ms",
                ["maxInterval"] = "100ms",
                ["callbackInterval"] = "500ms",
            },
        },
        ["steps"] = new JsonArray(steps.Select(s => (JsonNode)s).ToArray()),
    };

    /// <summary>
    /// A sequential chain of workflow steps <c>wf-{id}</c>, each undone by <c>undo-{id}</c>.
    /// </summary>
    public static JsonObject Chain(string name, params string[] stepIds) =>
        Definition(name, stepIds.Select(id => Workflow(id)).ToArray());

    public static JsonObject Workflow(string id, string? workflow = null, JsonNode? argument = null)
    {
        var step = new JsonObject
        {
            ["id"] = id,
            ["kind"] = "gcp.workflow",
            ["parameters"] = WorkflowParameters(workflow ?? "wf-" + id, argument),
            ["compensate"] = new JsonObject
            {
                ["kind"] = "gcp.workflow",
                ["parameters"] = WorkflowParameters(
                    "undo-" + id,
                    new JsonObject { ["undo"] = "{{steps." + id + ".remoteId}}" }),
            },
        };

        return step;
    }

    public static JsonObject Dataflow(string id, string template)
    {
        return new JsonObject
        {
            ["id"] = id,
            ["kind"] = "gcp.dataflow.flexTemplate",
            ["parameters"] = new JsonObject
            {
                ["project"] = Project,
                ["location"] = Location,
                ["containerSpecGcsPath"] = template,
                ["parameters"] = new JsonObject { ["output"] = "gs://bucket/{{transaction.id}}/" },
            },
            ["compensate"] = new JsonObject
            {
                ["kind"] = "gcp.workflow",
                ["parameters"] = WorkflowParameters("undo-" + id, null),
            },
        };
    }

    public static JsonObject DependsOn(this JsonObject step, params string[] ids)
    {
        step["dependsOn"] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());

        return step;
    }

    private static JsonObject WorkflowParameters(string workflow, JsonNode? argument)
    {
        var parameters = new JsonObject
        {
            ["project"] = Project,
            ["location"] = Location,
            ["workflow"] = workflow,
        };
        if (argument is not null)
        {
            parameters["argument"] = argument;
        }

        return parameters;
    }
}
