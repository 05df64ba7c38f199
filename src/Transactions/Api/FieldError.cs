using System.Text.Json.Serialization;

namespace SagaBridge.Transactions.Api;

/// <summary>One problem with a request, at a JSON path such as <c>$.input.dataset</c>.</summary>
public sealed record FieldError(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("message")] string Message);
