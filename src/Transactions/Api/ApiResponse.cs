namespace SagaBridge.Transactions.Api;

/// <summary>
/// A host-neutral HTTP answer: the Function App and the standalone host turn it into their own
/// response type, so both answer every route identically.
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The JSON body, or null for none.</param>
/// <param name="Headers">Extra headers (Location, Retry-After).</param>
public sealed record ApiResponse(
    int Status,
    object? Body,
    IReadOnlyDictionary<string, string> Headers)
{
    private static readonly Dictionary<string, string> NoHeaders = [];

    /// <summary>The media type of the body: problem details for errors, JSON otherwise.</summary>
    public string ContentType =>
        Body is ProblemDetails ? "application/problem+json" : "application/json";

    public static ApiResponse Json(int status, object? body) => new(status, body, NoHeaders);

    public static ApiResponse Problem(ProblemDetails problem) =>
        new(problem.Status, problem, NoHeaders);
}
