using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SagaBridge.Cli.Remote;

/// <summary>
/// The transaction API of a running instance (<c>sagabridge dev</c> or a Function App) over
/// HTTP. The key goes in both <c>x-functions-key</c> and <c>x-api-key</c>, so one command
/// line works against either host.
/// </summary>
internal sealed class RemoteApi : IDisposable
{
    private readonly HttpClient http;

    public RemoteApi(Uri baseUrl, string? key, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);

        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = root;
        http.Timeout = TimeSpan.FromSeconds(100);
        http.DefaultRequestHeaders.Accept.Add(
            new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(key))
        {
            http.DefaultRequestHeaders.Add("x-functions-key", key);
            http.DefaultRequestHeaders.Add("x-api-key", key);
        }
    }

    public Uri BaseUrl => http.BaseAddress!;

    /// <summary>The path of one transaction, relative to <see cref="BaseUrl"/>.</summary>
    public static string TransactionPath(string id) =>
        "api/transactions/" + Uri.EscapeDataString(id);

    /// <exception cref="HttpRequestException">Nothing answers at the URL.</exception>
    public Task<RemoteAnswer> GetAsync(string path, CancellationToken cancellation) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellation);

    /// <exception cref="HttpRequestException">Nothing answers at the URL.</exception>
    public Task<RemoteAnswer> PostAsync(string path, JsonNode? body, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(
                body.ToJsonString(),
                Encoding.UTF8,
                "application/json");
        }

        return SendAsync(request, cancellation);
    }

    public void Dispose() => http.Dispose();

    private async Task<RemoteAnswer> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellation)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellation);
            var text = await response.Content.ReadAsStringAsync(cancellation);

            return new RemoteAnswer((int)response.StatusCode, ParseOrNull(text));
        }
    }

    // A proxy or a host that is not SagaBridge may answer with HTML; the status still counts.
    private static JsonNode? ParseOrNull(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return new JsonObject { ["detail"] = text.Length > 200 ? text[..200] + "…" : text };
        }
    }
}
