using System.Text.Json;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Rest;

/// <summary>A REST answer: success, or an error status the client asked to handle itself.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The body as text, empty when there was none.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header, as a delay, when present.</param>
internal sealed record RemoteResponse(int StatusCode, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public RemoteErrorBody? Error => IsSuccess ? null : RemoteErrorBody.TryParse(Body);

    /// <exception cref="PermanentRemoteException">The body is not the JSON expected.</exception>
    public T Read<T>(string operation)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body, RemoteJson.Options)
                ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException failure)
        {
            throw new PermanentRemoteException(
                $"{operation} answered HTTP {StatusCode} with a body that is not the expected "
                + $"{typeof(T).Name}: {failure.Message}",
                StatusCode,
                failure);
        }
    }
}
