using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SagaBridge.Tests.Dev;

/// <summary>The HTTP calls the dev host tests make, as a script or a browser would.</summary>
internal static class DevApi
{
    public static async Task<HttpResponseMessage> PostAsync(
        this HttpClient http,
        string path,
        string? body = null)
    {
        using var content = body is null ? null : new StringContent(body, Encoding.UTF8);
        if (content is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return await http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static Task<HttpResponseMessage> AskAsync(this HttpClient http, string path) =>
        http.GetAsync(new Uri(path, UriKind.Relative));

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<string> StartAsync(this HttpClient http, string definition)
    {
        var id = DevHostFixture.NewId(definition);
        using var started = await http.PostAsync(
            $"api/definitions/{definition}/transactions",
            new JsonObject { ["id"] = id }.ToJsonString());
        Assert.Equal(202, (int)started.StatusCode);

        return id;
    }

    /// <summary>Asks for the transaction until the API answers 200 (it has ended).</summary>
    public static async Task<JsonNode> WaitForEndAsync(this HttpClient http, string id)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (DateTime.UtcNow < until)
        {
            using var response = await http.AskAsync($"api/transactions/{id}");
            last = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode == 200)
            {
                return await response.JsonAsync();
            }

            Assert.Equal(202, (int)response.StatusCode);
            await Task.Delay(50);
        }

        throw new TimeoutException(
            $"Transaction {id} did not end within 60 s; last answer: {last}");
    }

    /// <summary>Asks until the transaction's step reports <paramref name="state"/>.</summary>
    public static Task WaitForStepAsync(
        this HttpClient http,
        string id,
        string step,
        string state) =>
        http.WaitUntilAsync(id, body => body["steps"]!.AsArray()
            .Any(s => (string?)s!["id"] == step && (string?)s["state"] == state));

    /// <summary>Asks until the transaction's answer satisfies <paramref name="reached"/>.</summary>
    public static async Task WaitUntilAsync(
        this HttpClient http,
        string id,
        Func<JsonNode, bool> reached)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            using var response = await http.AskAsync($"api/transactions/{id}");
            if (reached(await response.JsonAsync()))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException(
            $"Transaction {id} did not reach the expected state within 60 s.");
    }
}
