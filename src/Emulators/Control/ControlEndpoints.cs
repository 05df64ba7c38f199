using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaBridge.Emulators.EventGrid;
using SagaBridge.Emulators.Faults;
using SagaBridge.Emulators.Http;
using SagaBridge.Emulators.Records;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Emulators.Control;

/// <summary>
/// The control endpoint under <c>/_emulator/</c>, for tests and tools in another process. JSON is
/// camelCase, enums are strings, durations are <c>hh:mm:ss[.fff]</c>. No authentication: the
/// emulator listens on loopback only.
/// </summary>
internal sealed class ControlEndpoints(EmulatorContext context, EmulatorRecords records)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/_emulator/scripts", ["PUT"], (RequestDelegate)SetScriptAsync);
        app.MapMethods("/_emulator/scripts", ["DELETE"], (RequestDelegate)ClearScripts);
        app.MapMethods("/_emulator/faults", ["POST"], (RequestDelegate)AddFaultAsync);
        app.MapMethods("/_emulator/faults", ["DELETE"], (RequestDelegate)ClearFaults);
        app.MapMethods("/_emulator/records", ["GET"], (RequestDelegate)RecordsAsync);
        app.MapMethods("/_emulator/eventgrid", ["POST"], (RequestDelegate)EventGridAsync);
        app.MapMethods("/_emulator/eventgrid", ["DELETE"], (RequestDelegate)StopEventGridAsync);
    }

    private async Task SetScriptAsync(HttpContext http)
    {
        var body = await JsonAnswer.ReadObjectAsync(http);
        var target = body?["target"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;
        if (body is null || string.IsNullOrWhiteSpace(target))
        {
            await BadRequestAsync(http, "The body must be a script with a 'target'.");
            return;
        }

        body.Remove("target");
        EmulatorScript? script;
        try
        {
            script = body.Deserialize<EmulatorScript>(Json);
        }
        catch (JsonException e)
        {
            await BadRequestAsync(http, e.Message);
            return;
        }

        try
        {
            context.Scripts.Set(target, script ?? EmulatorScript.Default);
        }
        catch (ArgumentException e)
        {
            await BadRequestAsync(http, e.Message);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private Task ClearScripts(HttpContext http)
    {
        context.Scripts.Clear();
        http.Response.StatusCode = StatusCodes.Status204NoContent;

        return Task.CompletedTask;
    }

    private async Task AddFaultAsync(HttpContext http)
    {
        EmulatorFault? fault;
        try
        {
            fault = await JsonSerializer.DeserializeAsync<EmulatorFault>(
                http.Request.Body,
                Json,
                http.RequestAborted);
            if (fault is not null)
            {
                context.Faults.Add(fault);
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            await BadRequestAsync(http, e.Message);
            return;
        }

        if (fault is null)
        {
            await BadRequestAsync(http, "The body must be a fault.");
            return;
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private Task ClearFaults(HttpContext http)
    {
        context.Faults.Clear();
        http.Response.StatusCode = StatusCodes.Status204NoContent;

        return Task.CompletedTask;
    }

    private async Task RecordsAsync(HttpContext http)
    {
        var snapshot = new RecordsSnapshot(
            records.WorkflowExecutions,
            records.DataflowJobs,
            records.AzureMlJobs,
            records.DeliveredEvents,
            records.CreatesAnswered,
            records.CreatesLost,
            records.CreatedCounts);

        await JsonAnswer.WriteAsync(
            http,
            StatusCodes.Status200OK,
            JsonSerializer.SerializeToNode(snapshot, Json)!);
    }

    private async Task EventGridAsync(HttpContext http)
    {
        EventGridDelivery? delivery;
        try
        {
            delivery = await JsonSerializer.DeserializeAsync<EventGridDelivery>(
                http.Request.Body,
                Json,
                http.RequestAborted);
        }
        catch (JsonException e)
        {
            await BadRequestAsync(http, e.Message);
            return;
        }

        if (delivery?.Endpoint is null || !delivery.Endpoint.IsAbsoluteUri)
        {
            await BadRequestAsync(http, "The body must name an absolute 'endpoint'.");
            return;
        }

        try
        {
            await context.Publisher.ConfigureAsync(delivery, http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            await BadRequestAsync(http, e.Message);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task StopEventGridAsync(HttpContext http)
    {
        await context.Publisher.ConfigureAsync(null, http.RequestAborted);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static Task BadRequestAsync(HttpContext http, string detail) =>
        JsonAnswer.WriteAsync(
            http,
            StatusCodes.Status400BadRequest,
            new JsonObject
            {
                ["type"] = "about:blank",
                ["title"] = "The control request is invalid.",
                ["status"] = StatusCodes.Status400BadRequest,
                ["detail"] = detail,
            });

    private sealed record RecordsSnapshot(
        IReadOnlyList<WorkflowExecutionRecord> WorkflowExecutions,
        IReadOnlyList<DataflowJobRecord> DataflowJobs,
        IReadOnlyList<AzureMlJobRecord> AzureMlJobs,
        IReadOnlyList<DeliveredEventRecord> DeliveredEvents,
        int CreatesAnswered,
        int CreatesLost,
        IReadOnlyDictionary<string, int> CreatedCounts);
}
