using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SagaBridge.Transactions.Api;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Cli.Remote;

/// <summary>How the remote commands show a transaction and its steps on a terminal.</summary>
internal static class TransactionText
{
    /// <summary>Reads a transaction answer; null when the body is not one.</summary>
    public static TransactionView? Read(JsonNode? body)
    {
        try
        {
            return body?.Deserialize<TransactionView>(ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a transaction list answer; null when the body is not one.</summary>
    public static TransactionPage? ReadPage(JsonNode? body)
    {
        try
        {
            return body?.Deserialize<TransactionPage>(ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Headline(TransactionView view) =>
        $"{view.Id}  {view.Definition}"
        + (string.IsNullOrEmpty(view.Version) ? "" : $" v{view.Version}")
        + $"  {view.State}"
        + (view.Reason is null ? "" : $" — {view.Reason}");

    /// <summary>One line per step: the part the watch command compares to spot changes.</summary>
    public static string StepLine(StepReport step)
    {
        var undo = step.Compensation;
        var remote = undo?.RemoteId is { } undoId && step.State is StepState.Compensating
            or StepState.Compensated or StepState.CompensationFailed
                ? "undo: " + Short(undoId)
                : step.RemoteId is { } id ? Short(id) : "";
        var error = step.State is StepState.CompensationFailed ? undo?.LastError : step.LastError;

        return $"{step.Id,-16} {step.State,-19} {remote}"
            + (error is null ? "" : $"  ! {error}");
    }

    public static void PrintStatus(TransactionView view, TextWriter output)
    {
        output.WriteLine(Headline(view));
        output.WriteLine($"  started {Time(view.CreatedAt)} by {view.StartedBy}, "
            + $"updated {Time(view.UpdatedAt)}");
        output.WriteLine();
        output.WriteLine($"  {"step",-16} {"state",-19} {"tries",5}  {"started",-19}  "
            + $"{"took",-8}  remote");
        foreach (var step in view.Steps)
        {
            output.WriteLine($"  {step.Id,-16} {step.State,-19} {step.Attempts,5}  "
                + $"{Time(step.StartedAt),-19}  {Took(step.StartedAt, step.EndedAt),-8}  "
                + (step.ConsoleUrl ?? step.RemoteId ?? ""));
            if (step.LastError is { } error)
            {
                output.WriteLine($"  {"",-16} error: {error}");
            }
        }

        var undone = view.Steps
            .Where(s => s.Compensation is not null)
            .OrderBy(s => s.Compensation!.Order ?? int.MaxValue)
            .ToList();
        if (undone.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("  compensation (in order):");
        foreach (var step in undone)
        {
            var undo = step.Compensation!;
            output.WriteLine($"  {undo.Order?.ToString(CultureInfo.InvariantCulture) ?? "-",3}. "
                + $"{step.Id,-16} {step.State,-19} {undo.Attempts} attempt(s)  "
                + (undo.ConsoleUrl ?? undo.RemoteId ?? "")
                + (undo.LastError is null ? "" : $"  ! {undo.LastError}"));
        }
    }

    public static string Time(DateTimeOffset? at) =>
        at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The API's step times are UTC; they are shown in local time.</summary>
    public static string Time(DateTime? at) =>
        Time(at is { } value
            ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc))
            : null);

    private static string Took(DateTime? start, DateTime? end) =>
        start is { } from && end is { } to
            ? (to - from).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : "";

    private static string Short(string resourceName)
    {
        var parts = resourceName.Split('/');

        return parts.Length > 2 ? string.Join('/', parts[^2..]) : resourceName;
    }
}
