using System.Text.Json.Serialization;

namespace SagaBridge.Transactions.Api;

/// <summary>An RFC 9457 problem; <see cref="Errors"/> names every offending field.</summary>
public sealed record ProblemDetails(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("errors")] IReadOnlyList<FieldError>? Errors = null)
{
    private const string Base = "https://sagabridge.dev/problems/";

    public static ProblemDetails Invalid(string detail, IReadOnlyList<FieldError> errors) =>
        new(Base + "invalid-request", "The request is invalid.", 400, detail, errors);

    public static ProblemDetails NotFound(string detail) =>
        new(Base + "not-found", "Not found.", 404, detail);

    public static ProblemDetails Conflict(string detail) =>
        new(Base + "conflict", "The request conflicts with the transaction's state.", 409, detail);

    public static ProblemDetails Gone(string detail) =>
        new(Base + "gone", "The transaction has ended.", 410, detail);

    public static ProblemDetails Unauthorized(string detail) =>
        new(Base + "unauthorized", "Not authorised.", 401, detail);
}
