using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SagaBridge.Activities.Remote;

namespace SagaBridge.Activities.Tasks;

/// <summary>
/// Starts a step's remote work, adopting work an earlier try already created. When the step's
/// parameters say <c>"completion": "webhook"</c> and a <see cref="ICallbackUrlIssuer"/> is
/// registered, the request carries a signed callback URL for the driver to hand over.
/// </summary>
public sealed class StartRemoteWorkActivity(
    RemoteWorkDrivers drivers,
    ILogger<StartRemoteWorkActivity> logger,
    ICallbackUrlIssuer? callbacks = null)
    : TaskActivity<RemoteWorkRequest, RemoteWorkHandle>
{
    /// <summary>The <c>completion</c> parameter value that asks for a callback URL.</summary>
    public const string WebhookCompletion = "webhook";

    // A start redelivered while its first delivery still runs (a lease that lapsed during a
    // slow create) must not list, find nothing and create beside it: one start per piece of
    // work runs at a time in this process (a fixed set of gates, chosen by the work's key).
    private static readonly SemaphoreSlim[] Starting =
        [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public override async Task<RemoteWorkHandle> RunAsync(
        TaskActivityContext context,
        RemoteWorkRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        logger.StartingRemoteWork(input.TransactionId, input.StepId, input.Role, input.Kind);

        var request = WithCallbackUrl(input);
        var key = RemoteWorkKey.Of(input).Digest();
        var gate = Starting[(uint)StringComparer.Ordinal.GetHashCode(key) % Starting.Length];
        RemoteWorkHandle handle;
        await gate.WaitAsync();
        try
        {
            handle = await drivers.For(input.Kind).StartAsync(request, CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }

        logger.StartedRemoteWork(
            input.TransactionId,
            input.StepId,
            handle.ResourceName,
            handle.Adopted);

        return handle;
    }

    private RemoteWorkRequest WithCallbackUrl(RemoteWorkRequest input)
    {
        if (callbacks is null || input.CallbackUrl is not null || !ExpectsWebhook(input))
        {
            return input;
        }

        return input with { CallbackUrl = callbacks.Issue(RemoteWorkKey.Of(input)).AbsoluteUri };
    }

    private static bool ExpectsWebhook(RemoteWorkRequest input)
    {
        try
        {
            return JsonNode.Parse(input.ParametersJson)?["completion"] is JsonValue value
                && value.TryGetValue<string>(out var completion)
                && completion == WebhookCompletion;
        }
        catch (JsonException)
        {
            // The driver reports malformed parameters with its own, better message.
            return false;
        }
    }
}
