using System.Text.Json.Nodes;
using SagaBridge.Tests.Saga;

namespace SagaBridge.Tests.Callbacks;

/// <summary>Definitions whose steps report their own completion.</summary>
internal static class CallbackDefinitions
{
    public const string Subscription = "sub-1";

    public const string ResourceGroup = "rg-ml";

    public const string Workspace = "ws-1";

    /// <summary>
    /// One Azure ML pipeline step whose job runs in <paramref name="experiment"/>, with the
    /// given completion and a safety-net poll every <paramref name="callbackInterval"/>.
    /// </summary>
    public static JsonObject Pipeline(
        string name,
        string experiment,
        string completion,
        string callbackInterval)
    {
        var step = new JsonObject
        {
            ["id"] = "train",
            ["kind"] = "azureml.pipeline",
            ["parameters"] = new JsonObject
            {
                ["subscriptionId"] = Subscription,
                ["resourceGroup"] = ResourceGroup,
                ["workspace"] = Workspace,
                ["job"] = new JsonObject
                {
                    ["experimentName"] = experiment,
                    ["jobs"] = new JsonObject(),
                },
                ["completion"] = completion,
            },
            ["compensate"] = TestDefinitions.Workflow("train")["compensate"]!.DeepClone(),
        };

        return WithCallbackInterval(TestDefinitions.Definition(name, step), callbackInterval);
    }

    /// <summary>
    /// A workflow step <c>train</c> that reports completion by webhook, followed by a workflow
    /// step <c>publish</c> that receives <c>train</c>'s reported <c>modelUri</c>.
    /// </summary>
    public static JsonObject WebhookWorkflow(string name, string callbackInterval)
    {
        var train = TestDefinitions.Workflow("train");
        train["parameters"]!["completion"] = "webhook";
        var publish = TestDefinitions.Workflow(
            "publish",
            argument: new JsonObject { ["model"] = "{{steps.train.output.modelUri}}" })
            .DependsOn("train");

        var definition = TestDefinitions.Definition(name, train, publish);

        return WithCallbackInterval(definition, callbackInterval);
    }

    private static JsonObject WithCallbackInterval(JsonObject definition, string interval)
    {
        definition["defaults"]!["poll"]!["callbackInterval"] = interval;

        return definition;
    }
}
