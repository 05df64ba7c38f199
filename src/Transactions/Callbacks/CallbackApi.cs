using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SagaBridge.Activities.AzureMl;
using SagaBridge.Activities.Remote;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Transactions.Callbacks;

/// <summary>
/// The two callback routes, independent of the HTTP host: signed per-step webhooks and Azure
/// ML run events from Event Grid. A callback only wakes the waiting step; a step that has
/// ended, or a transaction that has, never changes because of one, so duplicates and late or
/// out-of-order deliveries are harmless.
/// </summary>
public sealed class CallbackApi(
    DurableTaskClient client,
    CallbackOptions options,
    ILogger<CallbackApi>? logger = null)
{
    /// <summary>Seconds a caller waits before retrying a step that is not waiting yet.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The only origin answered in the CloudEvents webhook handshake.</summary>
    public const string EventGridOrigin = "eventgrid.azure.net";

    /// <summary>
    /// Attempts searched when an Azure ML run is matched to the step run that submitted it.
    /// </summary>
    public const int MaxAttemptsMatched = 100;

    private const string ValidationEvent = "Microsoft.EventGrid.SubscriptionValidationEvent";
    private const string RunStatusChanged = "Microsoft.MachineLearningServices.RunStatusChanged";
    private const string RunCompleted = "Microsoft.MachineLearningServices.RunCompleted";
    private const string PipelineRunType = "azureml.PipelineRun";

    private static readonly string[] FinalRunStatuses = ["Completed", "Failed", "Canceled"];

    private readonly ILogger log = logger ?? (ILogger)NullLogger.Instance;

    /// <summary>
    /// A step's remote work reports its end through its signed URL. Answers 202 when the step
    /// was told; 401 for a token that was not issued here; 400 for a body that is not
    /// <c>{"status":"succeeded","output":...}</c> or <c>{"status":"failed","error":"..."}</c>;
    /// 404 for an unknown transaction; 410 when the transaction or that run of the step has
    /// ended (nothing changes); 503 with Retry-After when the step is not waiting yet.
    /// </summary>
    public async Task<ApiResponse> CompleteStepAsync(
        string token,
        string? body,
        CancellationToken cancellationToken = default)
    {
        if (!options.CanSign
            || !StepCallbackToken.TryVerify(token, options.SigningKey!, out var key))
        {
            log.CallbackRejected("webhook", "the token's signature does not match");

            return ApiResponse.Problem(ProblemDetails.Unauthorized(
                "The callback URL is not one this host issued."));
        }

        var signal = ParseOutcome(body, out var error);
        if (signal is null)
        {
            return ApiResponse.Problem(ProblemDetails.Invalid(error!.Message, [error]));
        }

        var transaction = await client.GetInstanceAsync(
            key.TransactionId,
            getInputsAndOutputs: false,
            cancellationToken);
        if (transaction is null)
        {
            return ApiResponse.Problem(ProblemDetails.NotFound(
                $"No transaction has id '{key.TransactionId}'."));
        }

        if (!IsActive(transaction.RuntimeStatus))
        {
            return ApiResponse.Problem(ProblemDetails.Gone(
                $"Transaction '{key.TransactionId}' has already ended."));
        }

        var stepInstance = StepInstanceId.For(key.TransactionId, key.StepId, key.Role, key.Attempt);
        var step = await client.GetInstanceAsync(stepInstance, false, cancellationToken);
        if (step is null)
        {
            // The work finished before its wait began: the caller retries, and polling
            // finds the outcome if it never does.
            return new ApiResponse(
                503,
                new ProblemDetails(
                    "https://sagabridge.dev/problems/not-waiting",
                    "The step is not waiting yet.",
                    503,
                    $"Step '{key.StepId}' of transaction '{key.TransactionId}' is not waiting "
                    + "yet; try again."),
                new Dictionary<string, string> { ["Retry-After"] = $"{RetryAfterSeconds}" });
        }

        if (!IsActive(step.RuntimeStatus))
        {
            return ApiResponse.Problem(ProblemDetails.Gone(
                $"This run of step '{key.StepId}' of transaction '{key.TransactionId}' has "
                + "already ended; the callback changes nothing."));
        }

        await client.RaiseEventAsync(stepInstance, EventNames.Callback, signal, cancellationToken);
        log.CallbackAccepted(key.TransactionId, key.StepId, key.Role, key.Attempt, "webhook");

        return ApiResponse.Json(
            202,
            new { transactionId = key.TransactionId, stepId = key.StepId });
    }

    /// <summary>
    /// Receives an Event Grid delivery (Event Grid schema array, one CloudEvent, or a
    /// CloudEvents batch). The subscription-validation event is answered with its code; any
    /// other delivery without the shared secret gets 401. Azure ML events of a pipeline's parent
    /// run that report a final status wake the step that submitted the run, which then reads the
    /// real status.
    /// Every other event is ignored with 200, so Event Grid does not redeliver it.
    /// </summary>
    /// <param name="secret">
    /// The value of the <see cref="CallbackOptions.EventGridSecretHeader"/> header.
    /// </param>
    /// <param name="body">The request body.</param>
    public async Task<ApiResponse> ReceiveEventGridAsync(
        string? secret,
        string? body,
        CancellationToken cancellationToken = default)
    {
        var authenticated = SecretMatches(secret);
        var events = ParseEvents(body, out var error);
        var validation = events?.FirstOrDefault(e => e.Type == ValidationEvent);

        // The handshake is answered even without the secret: it only echoes a code, and
        // whether Event Grid sends delivery headers with it is not guaranteed.
        if (validation is not null && events!.All(e => e.Type == ValidationEvent))
        {
            return ApiResponse.Json(200, new
            {
                validationResponse = Text(validation.Data?["validationCode"]),
            });
        }

        if (!authenticated)
        {
            log.CallbackRejected("eventGrid", "the delivery does not carry the shared secret");

            return ApiResponse.Problem(ProblemDetails.Unauthorized(
                $"Event Grid deliveries must carry the shared secret in the "
                + $"{CallbackOptions.EventGridSecretHeader} header."));
        }

        if (events is null)
        {
            return ApiResponse.Problem(ProblemDetails.Invalid(error!.Message, [error]));
        }

        var woken = 0;
        foreach (var item in events)
        {
            if (await WakeAsync(item, cancellationToken))
            {
                woken++;
            }
        }

        return ApiResponse.Json(200, new { received = events.Count, woken });
    }

    /// <summary>
    /// The CloudEvents webhook handshake (an HTTP OPTIONS request): Event Grid's origin is
    /// allowed, any other origin gets 403.
    /// </summary>
    /// <param name="origin">The <c>WebHook-Request-Origin</c> header.</param>
    public static ApiResponse AllowWebhookOrigin(string? origin)
    {
        if (!string.Equals(origin, EventGridOrigin, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResponse.Problem(new ProblemDetails(
                "https://sagabridge.dev/problems/forbidden",
                "Origin not allowed.",
                403,
                $"Only {EventGridOrigin} may deliver events here."));
        }

        return new ApiResponse(200, null, new Dictionary<string, string>
        {
            ["WebHook-Allowed-Origin"] = EventGridOrigin,
        });
    }

    private async Task<bool> WakeAsync(GridEvent item, CancellationToken cancellationToken)
    {
        if (item.Type is not (RunStatusChanged or RunCompleted) || item.Data is not JsonObject data)
        {
            return false;
        }

        var runType = Text(data["runType"]);
        var status = Text(data["runStatus"]);
        if (runType != PipelineRunType
            || (item.Type == RunStatusChanged && !FinalRunStatuses.Contains(status)))
        {
            // Child runs end before their pipeline, and a non-final status says nothing a
            // poll would act on.
            return false;
        }

        var transactionId = Text(data["runTags"]?[AzureMlPipelineDriver.TransactionTag]);
        var stepId = Text(data["runTags"]?[AzureMlPipelineDriver.StepTag]);
        var runId = Text(data["runId"]);
        if (transactionId is null || stepId is null || runId is null
            || FindRun(transactionId, stepId, runId) is not { } key)
        {
            return false;
        }

        var instance = StepInstanceId.For(key.TransactionId, key.StepId, key.Role, key.Attempt);
        var step = await client.GetInstanceAsync(instance, false, cancellationToken);
        if (step is null || !IsActive(step.RuntimeStatus))
        {
            log.CallbackIgnored(transactionId, stepId, "the step is not waiting for this run");

            return false;
        }

        // The event only says "look now": the step reads the job's status itself, so a
        // forged, stale or reordered event cannot decide the outcome.
        await client.RaiseEventAsync(
            instance,
            EventNames.Callback,
            new StepCallbackSignal(null, null, null, "eventGrid"),
            cancellationToken);
        log.CallbackAccepted(transactionId, stepId, key.Role, key.Attempt, "eventGrid");

        return true;
    }

    /// <summary>
    /// The run of the step whose deterministic job name is <paramref name="runId"/>: the name
    /// both identifies the attempt and proves the tags belong to that job.
    /// </summary>
    private static RemoteWorkKey? FindRun(string transactionId, string stepId, string runId)
    {
        foreach (var role in (string[])[SagaRoles.Step, SagaRoles.Compensation])
        {
            for (var attempt = 1; attempt <= MaxAttemptsMatched; attempt++)
            {
                var key = new RemoteWorkKey(transactionId, stepId, role, attempt);
                if (AzureMlJobName.For(key).Value == runId)
                {
                    return key;
                }
            }
        }

        return null;
    }

    private bool SecretMatches(string? secret)
    {
        if (string.IsNullOrEmpty(options.EventGridSecret) || string.IsNullOrEmpty(secret))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(secret)),
            SHA256.HashData(Encoding.UTF8.GetBytes(options.EventGridSecret)));
    }

    private static StepCallbackSignal? ParseOutcome(string? body, out FieldError? error)
    {
        error = null;
        var root = ParseJson(body, out error) as JsonObject;
        if (root is null)
        {
            error ??= new FieldError("$", "Expected a JSON object.");

            return null;
        }

        switch (Text(root["status"]))
        {
            case "succeeded":
                var output = root["output"]?.ToJsonString();

                return new StepCallbackSignal(true, output, null, "webhook");
            case "failed":
                var reported = root["error"] switch
                {
                    null => null,
                    JsonValue value when value.TryGetValue<string>(out var text) => text,
                    var other => other.ToJsonString(),
                };

                return new StepCallbackSignal(false, null, reported, "webhook");
            default:
                error = new FieldError("$.status", "Expected \"succeeded\" or \"failed\".");

                return null;
        }
    }

    private static List<GridEvent>? ParseEvents(string? body, out FieldError? error)
    {
        var root = ParseJson(body, out error);
        var items = root switch
        {
            JsonArray array => array.ToList(),
            JsonObject single when single["specversion"] is not null => [single],
            _ => null,
        };
        if (items is null)
        {
            error ??= new FieldError("$", "Expected an array of events or one CloudEvent.");

            return null;
        }

        var events = new List<GridEvent>();
        foreach (var item in items)
        {
            if (item is not JsonObject e)
            {
                error = new FieldError("$[]", "Expected every event to be an object.");

                return null;
            }

            // CloudEvents carry "type"; the Event Grid schema carries "eventType".
            var type = Text(e["specversion"] is null ? e["eventType"] : e["type"]);
            events.Add(new GridEvent(type ?? "", e["data"]));
        }

        return events;
    }

    private static JsonNode? ParseJson(string? body, out FieldError? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = new FieldError("$", "Expected a JSON body.");

            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException malformed)
        {
            error = new FieldError(
                "$",
                $"Malformed JSON (line {malformed.LineNumber + 1}, "
                + $"position {malformed.BytePositionInLine + 1}).");

            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Running
            or OrchestrationRuntimeStatus.Pending
            or OrchestrationRuntimeStatus.Suspended;

    private sealed record GridEvent(string Type, JsonNode? Data);
}
