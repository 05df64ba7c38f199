using System.Net;
using System.Text.Json.Nodes;
using SagaBridge.Activities.AzureMl;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Steps;
using SagaBridge.Tests.Activities;

namespace SagaBridge.Tests.Callbacks;

public sealed class CallbackUrlHandOverTests
{
    private const string Url = "https://sagabridge.example/api/callbacks/steps/v1.abc.def";

    [Fact]
    public async Task APipelineJobReceivesItsCallbackUrlAsAnInputAndNeverAsATag()
    {
        var request = new RemoteWorkRequest(
            "tx-9",
            "train",
            "step",
            1,
            StepKinds.AzureMlPipeline,
            """
            {"subscriptionId":"sub-1","resourceGroup":"rg-ml","workspace":"ws1",
             "job":{"jobs":{},"inputs":{"epochs":{"jobInputType":"literal","value":"3"}}},
             "completion":"webhook"}
            """,
            Url);
        var name = AzureMlJobName.For(RemoteWorkKey.Of(request)).Value;
        var server = new ScriptedHandler()
            .ArmError(404, "ResourceNotFound", "not found")
            .Json(HttpStatusCode.Created, $$$"""
                {"id":"x","name":"{{{name}}}",
                 "properties":{"jobType":"Pipeline","status":"NotStarted"}}
                """);

        await TestClients.AzureMlDriver(server).StartAsync(request, CancellationToken.None);

        var properties = JsonNode.Parse(server.Requests[1].Body!)!["properties"]!;
        var input = properties["inputs"]![AzureMlPipelineDriver.CallbackUrlInput]!;
        Assert.Equal("literal", (string?)input["jobInputType"]);
        Assert.Equal(Url, (string?)input["value"]);
        Assert.Equal("3", (string?)properties["inputs"]!["epochs"]!["value"]);
        Assert.DoesNotContain(Url, properties["tags"]!.ToJsonString());
    }
}
