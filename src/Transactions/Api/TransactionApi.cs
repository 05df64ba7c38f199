using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SagaBridge.Transactions.Definitions;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Transactions.Api;

/// <summary>
/// The transaction API, independent of the HTTP host: the Function App and the standalone
/// host both call it, so routes behave the same in both. Every error is a problem-details
/// answer naming the offending field; nothing here throws for bad input.
/// </summary>
public sealed partial class TransactionApi(DurableTaskClient client, DefinitionCatalog catalog)
{
    /// <summary>
    /// How long a client should wait before asking again about a running transaction.
    /// </summary>
    public const int RetryAfterSeconds = 2;

    // Starts of one id are serialised in this process; a fixed set of gates (chosen by the id's
    // hash) keeps that bounded however many transactions the process starts.
    private static readonly SemaphoreSlim[] StartGates =
        [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The definitions this API starts by name.</summary>
    public DefinitionCatalog Catalog => catalog;

    /// <summary>Starts the definition named <paramref name="definitionName"/>.</summary>
    /// <param name="definitionName">The definition's <c>name</c>.</param>
    /// <param name="body">JSON <c>{"id"?: string, "input"?: object}</c>, or empty.</param>
    /// <param name="startedBy">Who starts it, for the record.</param>
    public async Task<ApiResponse> StartByNameAsync(
        string definitionName,
        string? body,
        string startedBy = "api",
        CancellationToken cancellationToken = default)
    {
        if (!catalog.TryGet(definitionName, out var definition))
        {
            return ApiResponse.Problem(ProblemDetails.NotFound(
                $"No definition is named '{definitionName}'. Known definitions: "
                + string.Join(", ", catalog.Names) + "."));
        }

        var request = ParseBody(body, allowDefinition: false);
        if (request.Errors.Count > 0)
        {
            return Invalid(request.Errors);
        }

        return await StartAsync(definition, request, startedBy, cancellationToken);
    }

    /// <summary>Starts a transaction from a definition given in the request.</summary>
    /// <param name="body">
    /// JSON <c>{"definition": object, "id"?: string, "input"?: object}</c>.
    /// </param>
    /// <param name="startedBy">Who starts it, for the record.</param>
    public async Task<ApiResponse> StartInlineAsync(
        string? body,
        string startedBy = "api",
        CancellationToken cancellationToken = default)
    {
        var request = ParseBody(body, allowDefinition: true);
        if (request.Errors.Count > 0)
        {
            return Invalid(request.Errors);
        }

        if (request.Definition is null)
        {
            return Invalid([new FieldError("$.definition", "Expected a definition object.")]);
        }

        var load = DefinitionLoader.TryLoad(request.Definition.ToJsonString());
        if (load.Definition is not { } definition)
        {
            return Invalid(load.Problems
                .Select(p => new FieldError(Prefix("$.definition", p.Path), p.Message))
                .ToList());
        }

        return await StartAsync(definition, request, startedBy, cancellationToken);
    }

    /// <summary>
    /// Starts a definition from code (schedules, the command line), checking its input.
    /// </summary>
    public Task<ApiResponse> StartAsync(
        TransactionDefinition definition,
        string? transactionId,
        JsonNode? input,
        string startedBy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);

        var errors = new List<FieldError>();
        if (transactionId is not null && !IsValidId(transactionId))
        {
            errors.Add(IdError(transactionId));
        }

        return errors.Count > 0
            ? Task.FromResult(Invalid(errors))
            : StartAsync(
                definition,
                new StartBody(transactionId, input, null, errors),
                startedBy,
                cancellationToken);
    }

    /// <summary>
    /// The transaction's state and step table: 202 with Retry-After while it runs (also while
    /// it waits for an operator), 200 once it has ended, 404 when unknown.
    /// </summary>
    public async Task<ApiResponse> GetAsync(
        string id,
        CancellationToken cancellationToken = default)
    {
        var view = await FindAsync(id, cancellationToken);
        if (view is null)
        {
            return ApiResponse.Problem(ProblemDetails.NotFound($"No transaction has id '{id}'."));
        }

        return view.Finished
            ? ApiResponse.Json(200, view)
            : new ApiResponse(202, view, RetryAfter());
    }

    /// <summary>Lists transactions, newest first, one page at a time.</summary>
    /// <param name="state">Only transactions in this <see cref="TransactionState"/>.</param>
    /// <param name="definition">Only transactions of this definition.</param>
    /// <param name="top">Page size, 1 to 200 (default 50).</param>
    /// <param name="continuationToken">From the previous page's answer.</param>
    public async Task<ApiResponse> ListAsync(
        string? state,
        string? definition,
        string? top,
        string? continuationToken,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        TransactionState? wanted = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (Enum.TryParse<TransactionState>(state, ignoreCase: true, out var parsed)
                && !int.TryParse(state, CultureInfo.InvariantCulture, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors.Add(new FieldError("state", "Expected one of: "
                    + string.Join(", ", Enum.GetNames<TransactionState>())
                    + $"; found '{state}'."));
            }
        }

        var pageSize = 50;
        if (!string.IsNullOrEmpty(top)
            && (!int.TryParse(top, CultureInfo.InvariantCulture, out pageSize)
                || pageSize is < 1 or > 200))
        {
            errors.Add(new FieldError(
                "top",
                $"Expected a whole number from 1 to 200; found '{top}'."));
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var query = new OrchestrationQuery
        {
            FetchInputsAndOutputs = true,
            PageSize = pageSize,
            ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken,
        };

        var items = new List<TransactionView>();
        string? next = null;
        await foreach (var page in client.GetAllInstancesAsync(query)
            .AsPages(query.ContinuationToken, pageSize))
        {
            items.AddRange(page.Values
                .Where(m => !StepInstanceId.IsStep(m.InstanceId))
                .Select(ToView)
                .Where(v => wanted is null || v.State == wanted.ToString())
                .Where(v => definition is null || v.Definition == definition));
            next = page.ContinuationToken;
            break;
        }

        return ApiResponse.Json(200, new TransactionPage(
            items.OrderByDescending(v => v.CreatedAt).ToList(),
            next));
    }

    /// <summary>
    /// Cancels a running transaction: its remote work is stopped and it rolls back.
    /// </summary>
    public async Task<ApiResponse> CancelAsync(
        string id,
        string? body,
        CancellationToken cancellationToken = default)
    {
        var view = await FindAsync(id, cancellationToken);
        if (view is null)
        {
            return ApiResponse.Problem(ProblemDetails.NotFound($"No transaction has id '{id}'."));
        }

        if (view.Finished)
        {
            return ApiResponse.Problem(ProblemDetails.Gone(
                $"Transaction '{id}' has already ended as {view.State}."));
        }

        string? reason = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            var parsed = ParseObject(body, out var error);
            if (error is not null)
            {
                return Invalid([error]);
            }

            reason = parsed?["reason"] is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : null;
        }

        await client.RaiseEventAsync(
            id,
            EventNames.Cancel,
            new CancelRequest(reason),
            cancellationToken);

        return new ApiResponse(202, view, RetryAfter());
    }

    /// <summary>
    /// An operator retries or skips a step (or its compensation) that waits for one.
    /// </summary>
    public async Task<ApiResponse> DecideAsync(
        string id,
        string stepId,
        OperatorAction action,
        CancellationToken cancellationToken = default)
    {
        var view = await FindAsync(id, cancellationToken);
        if (view is null)
        {
            return ApiResponse.Problem(ProblemDetails.NotFound($"No transaction has id '{id}'."));
        }

        if (view.Finished)
        {
            return ApiResponse.Problem(ProblemDetails.Gone(
                $"Transaction '{id}' has already ended as {view.State}."));
        }

        var step = view.Steps.FirstOrDefault(s => s.Id == stepId);
        if (step is null)
        {
            return ApiResponse.Problem(ProblemDetails.NotFound(
                $"Transaction '{id}' has no step '{stepId}'."));
        }

        if (step.State is not (StepState.CompensationFailed or StepState.AwaitingOperator))
        {
            return ApiResponse.Problem(ProblemDetails.Conflict(
                $"Step '{stepId}' is {step.State}; only a step in CompensationFailed or "
                + "AwaitingOperator can be retried or skipped."));
        }

        await client.RaiseEventAsync(
            id,
            EventNames.OperatorDecision(stepId),
            new OperatorDecision(action),
            cancellationToken);

        return new ApiResponse(202, view, RetryAfter());
    }

    /// <summary>The loaded definitions and the files that failed to load.</summary>
    public ApiResponse ListDefinitions() =>
        ApiResponse.Json(200, new
        {
            definitions = catalog.Names.Select(n =>
            {
                catalog.TryGet(n, out var d);

                return new { name = n, version = d!.Version, description = d.Description };
            }),
            problems = catalog.Problems,
        });

    /// <summary>Reads one transaction, or null when no transaction has that id.</summary>
    public async Task<TransactionView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidId(id))
        {
            return null;
        }

        var metadata = await client.GetInstanceAsync(
            id,
            getInputsAndOutputs: true,
            cancellationToken);

        return metadata is null ? null : ToView(metadata);
    }

    /// <summary>Whether <paramref name="id"/> may be a transaction id.</summary>
    public static bool IsValidId(string id) => TransactionId().IsMatch(id);

    private async Task<ApiResponse> StartAsync(
        TransactionDefinition definition,
        StartBody request,
        string startedBy,
        CancellationToken cancellationToken)
    {
        var inputProblems = InputValidator.Validate(definition, request.Input);
        if (inputProblems.Count > 0)
        {
            return Invalid(inputProblems.Select(p => new FieldError(p.Path, p.Message)).ToList());
        }

        var id = request.Id ?? Guid.NewGuid().ToString("N");
        var start = new TransactionStart(definition.Json, request.Input?.ToJsonString(), startedBy);

        // Two starts with one id must meet one transaction: the lock covers this process and
        // the engine's own duplicate check covers the others.
        var gate = StartGates[(uint)StringComparer.Ordinal.GetHashCode(id) % StartGates.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var existing = await client.GetInstanceAsync(
                id,
                getInputsAndOutputs: true,
                cancellationToken);
            if (existing is not null)
            {
                return Existing(existing, start);
            }

            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(TransactionOrchestrator),
                    start,
                    new StartOrchestrationOptions { InstanceId = id },
                    cancellationToken);
            }
            catch (InvalidOperationException) when (request.Id is not null)
            {
                existing = await client.GetInstanceAsync(
                    id,
                    getInputsAndOutputs: true,
                    cancellationToken);
                if (existing is not null)
                {
                    return Existing(existing, start);
                }

                throw;
            }
        }
        finally
        {
            gate.Release();
        }

        var view = Pending(id, definition, startedBy);

        return new ApiResponse(202, view, new Dictionary<string, string>
        {
            ["Location"] = $"/api/transactions/{id}",
            ["Retry-After"] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static ApiResponse Existing(OrchestrationMetadata existing, TransactionStart wanted)
    {
        var previous = existing.ReadInputAs<TransactionStart>();
        if (previous is not null
            && (previous.DefinitionJson != wanted.DefinitionJson
                || !JsonNode.DeepEquals(Parse(previous.InputJson), Parse(wanted.InputJson))))
        {
            return ApiResponse.Problem(ProblemDetails.Conflict(
                $"Transaction id '{existing.InstanceId}' is already used by a transaction with "
                + "a different definition or input."));
        }

        var view = ToView(existing);

        return new ApiResponse(view.Finished ? 200 : 202, view, new Dictionary<string, string>
        {
            ["Location"] = $"/api/transactions/{existing.InstanceId}",
            ["Retry-After"] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static TransactionView ToView(OrchestrationMetadata metadata)
    {
        var report = ReadReport(metadata);
        var finished = metadata.RuntimeStatus is OrchestrationRuntimeStatus.Completed
            or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated;
        var state = report?.State.ToString() ?? (metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Failed => nameof(TransactionState.Failed),
            OrchestrationRuntimeStatus.Terminated => "Terminated",
            _ => "Pending",
        });
        var start = report is null ? metadata.ReadInputAs<TransactionStart>() : null;
        var definition = report?.Definition ?? DefinitionName(start) ?? "(unknown)";

        return new TransactionView(
            metadata.InstanceId,
            definition,
            report?.Version ?? "",
            state,
            metadata.RuntimeStatus.ToString(),
            finished,
            report?.Reason ?? metadata.FailureDetails?.ErrorMessage,
            report?.StartedBy ?? start?.StartedBy ?? "api",
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            report?.EndedAt,
            report?.Steps ?? []);
    }

    private static TransactionReport? ReadReport(OrchestrationMetadata metadata)
    {
        try
        {
            return metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                && metadata.SerializedOutput is not null
                    ? metadata.ReadOutputAs<TransactionReport>()
                    : metadata.SerializedCustomStatus is null
                        ? null
                        : metadata.ReadCustomStatusAs<TransactionReport>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? DefinitionName(TransactionStart? start)
    {
        if (start is null)
        {
            return null;
        }

        var load = DefinitionLoader.TryLoad(start.DefinitionJson);

        return load.Definition?.Name;
    }

    private static TransactionView Pending(string id, TransactionDefinition definition, string by)
    {
        var now = DateTimeOffset.UtcNow;

        return new TransactionView(
            id,
            definition.Name,
            definition.Version,
            "Pending",
            nameof(OrchestrationRuntimeStatus.Pending),
            false,
            null,
            by,
            now,
            now,
            null,
            definition.Steps
                .Select(s => new StepReport { Id = s.Id, Kind = s.Kind, State = StepState.Pending })
                .ToList());
    }

    private static StartBody ParseBody(string? body, bool allowDefinition)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body))
        {
            return new StartBody(null, null, null, errors);
        }

        var root = ParseObject(body, out var parseError);
        if (parseError is not null)
        {
            errors.Add(parseError);

            return new StartBody(null, null, null, errors);
        }

        string? id = null;
        JsonNode? input = null;
        JsonObject? definition = null;
        foreach (var (name, value) in root!)
        {
            switch (name)
            {
                case "id" when value is JsonValue v && v.TryGetValue<string>(out var text):
                    id = text;
                    if (!IsValidId(text))
                    {
                        errors.Add(IdError(text));
                    }

                    break;
                case "id":
                    errors.Add(new FieldError("$.id", "Expected a string."));
                    break;
                case "input":
                    input = value?.DeepClone();
                    break;
                case "definition" when allowDefinition && value is JsonObject d:
                    definition = d;
                    break;
                case "definition" when allowDefinition:
                    errors.Add(new FieldError("$.definition", "Expected a definition object."));
                    break;
                default:
                    errors.Add(new FieldError(
                        "$." + name,
                        "Unknown property; expected "
                        + (allowDefinition
                            ? "'definition', 'id' or 'input'."
                            : "'id' or 'input'.")));
                    break;
            }
        }

        return new StartBody(id, input, definition, errors);
    }

    private static JsonObject? ParseObject(string body, out FieldError? error)
    {
        error = null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject parsed)
            {
                return parsed;
            }

            error = new FieldError("$", "Expected a JSON object.");
        }
        catch (JsonException malformed)
        {
            error = new FieldError(
                "$",
                $"Malformed JSON (line {malformed.LineNumber + 1}, "
                + $"position {malformed.BytePositionInLine + 1}).");
        }

        return null;
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    private static FieldError IdError(string id) =>
        new("$.id", "Expected 1 to 80 letters, digits, '.', '_' or '-', starting with a letter "
            + $"or digit; found '{id}'.");

    private static string Prefix(string prefix, string path) =>
        path == "$" ? prefix : prefix + path.TrimStart('$');

    private static ApiResponse Invalid(List<FieldError> errors) =>
        ApiResponse.Problem(ProblemDetails.Invalid(
            $"{errors.Count} problem(s): "
                + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")),
            errors));

    private static Dictionary<string, string> RetryAfter() =>
        new() { ["Retry-After"] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    private static partial Regex TransactionId();

    private sealed record StartBody(
        string? Id,
        JsonNode? Input,
        JsonObject? Definition,
        List<FieldError> Errors);
}
