using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SagaBridge.Tests.Emulators;

/// <summary>
/// A raw HTTP client for the emulated APIs: hand-written JSON in, parsed JSON out.
/// </summary>
internal sealed class CloudCall(
    Uri baseUrl,
    string? token = "test-token",
    TimeSpan? timeout = null)
{
    // One handler for every test: HttpClients over it need no disposal.
    private static readonly SocketsHttpHandler Handler = new();

    public Task<CloudAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<CloudAnswer> PostAsync(string path, string? json = "{}") =>
        SendAsync(HttpMethod.Post, path, json);

    public Task<CloudAnswer> PutAsync(string path, string json) =>
        SendAsync(HttpMethod.Put, path, json);

    public Task<CloudAnswer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<CloudAnswer> SendAsync(HttpMethod method, string path, string? json)
    {
        var http = new HttpClient(Handler, disposeHandler: false)
        {
            BaseAddress = baseUrl,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text);

        return new CloudAnswer(response.StatusCode, body, response.Headers);
    }
}
