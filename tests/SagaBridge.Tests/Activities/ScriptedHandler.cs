using System.Net;
using System.Text;

namespace SagaBridge.Tests.Activities;

/// <summary>Answers HTTP requests from a script, in order, and records what it was sent.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> script = new();

    public List<RecordedRequest> Requests { get; } = [];

    public ScriptedHandler Json(
        HttpStatusCode status,
        string body,
        Action<HttpResponseMessage>? tweak = null)
    {
        script.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            tweak?.Invoke(response);
            return response;
        });

        return this;
    }

    public ScriptedHandler Ok(string body) => Json(HttpStatusCode.OK, body);

    public ScriptedHandler Empty(HttpStatusCode status)
    {
        script.Enqueue(() => new HttpResponseMessage(status));
        return this;
    }

    /// <summary>The request reaches the server (it is recorded) but its answer is lost.</summary>
    public ScriptedHandler LoseAnswer()
    {
        script.Enqueue(() => throw new HttpRequestException("Connection reset by peer"));
        return this;
    }

    public ScriptedHandler GoogleError(
        int code,
        string status,
        string message,
        string? retryDelay = null)
    {
        var details = retryDelay is null
            ? "[]"
            : "[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\""
                + retryDelay + "\"}]";

        return Json((HttpStatusCode)code,
            $"{{\"error\":{{\"code\":{code},\"message\":\"{message}\",\"status\":\"{status}\","
            + $"\"details\":{details}}}}}");
    }

    public ScriptedHandler ArmError(int code, string armCode, string message) =>
        Json(
            (HttpStatusCode)code,
            $"{{\"error\":{{\"code\":\"{armCode}\",\"message\":\"{message}\"}}}}");

    public int Count(HttpMethod method, string pathPart) =>
        Requests.Count(r =>
            r.Method == method && r.PathAndQuery.Contains(pathPart, StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var body = request.Content is null
            ? null
            : await request.Content.ReadAsStringAsync(cancellationToken);

        Requests.Add(new RecordedRequest(
            request.Method,
            request.RequestUri!.PathAndQuery,
            body,
            request.Headers.Authorization?.ToString()));

        if (script.Count == 0)
        {
            return new HttpResponseMessage(HttpStatusCode.NotImplemented)
            {
                Content = new StringContent(
                    $"{{\"error\":{{\"code\":501,\"message\":\"unscripted {request.Method} "
                    + $"{request.RequestUri.PathAndQuery}\",\"status\":\"UNIMPLEMENTED\"}}}}"),
            };
        }

        return script.Dequeue()();
    }
}
