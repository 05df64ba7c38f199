using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SagaBridge.Tests.Emulators;

/// <summary>An answer of an emulated API: status, parsed JSON body and headers.</summary>
internal sealed record CloudAnswer(
    HttpStatusCode Status,
    JsonNode? Body,
    HttpResponseHeaders Headers)
{
    public string? this[string path] => Find(path)?.ToString();

    /// <summary>
    /// The node at a dotted path such as <c>error.status</c> or <c>jobs.0.name</c>.
    /// </summary>
    public JsonNode? Find(string path)
    {
        var node = Body;
        foreach (var part in path.Split('.'))
        {
            node = node switch
            {
                JsonArray array when int.TryParse(part, out var index) && index < array.Count =>
                    array[index],
                JsonObject obj => obj[part],
                _ => null,
            };
        }

        return node;
    }
}
