using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cronos;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Transactions.Schedules;

/// <summary>
/// The configured schedules, read from a JSON file
/// <c>{"schedules": [{"name", "cron", "timeZone"?, "definition", "input"?, "overlap"?,
/// "catchUpWindow"?}]}</c>. <c>timeZone</c> is an IANA or Windows zone id (default UTC),
/// <c>overlap</c> one of <c>skip</c> (default), <c>allow</c>, <c>cancelPrevious</c>, and
/// <c>catchUpWindow</c> a duration such as <c>30m</c> (default 1h).
/// </summary>
public sealed partial class ScheduleCatalog
{
    private ScheduleCatalog(IReadOnlyList<Schedule> schedules) => Schedules = schedules;

    /// <summary>No schedules.</summary>
    public static ScheduleCatalog Empty { get; } = new([]);

    /// <summary>The schedules, in file order.</summary>
    public IReadOnlyList<Schedule> Schedules { get; }

    /// <summary>A catalog of the given schedules (for hosts that build them in code).</summary>
    public static ScheduleCatalog Of(params Schedule[] schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);

        var duplicate = schedules.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidScheduleException($"Two schedules are named '{duplicate.Key}'.");
        }

        return new ScheduleCatalog(schedules);
    }

    /// <summary>Reads the schedules file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidScheduleException">The file is missing or invalid.</exception>
    public static ScheduleCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidScheduleException($"No schedules file at '{path}'.");
        }

        return Parse(File.ReadAllText(path));
    }

    /// <summary>Reads schedules from JSON text.</summary>
    /// <exception cref="InvalidScheduleException">The text is not a schedules file.</exception>
    public static ScheduleCatalog Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException malformed)
        {
            throw new InvalidScheduleException(
                $"$: malformed JSON (line {malformed.LineNumber + 1}).", malformed);
        }

        if (root?["schedules"] is not JsonArray items)
        {
            throw new InvalidScheduleException("$.schedules: expected an array of schedules.");
        }

        var problems = new List<string>();
        var schedules = new List<Schedule>();
        for (var i = 0; i < items.Count; i++)
        {
            if (Read(items[i], $"$.schedules[{i}]", problems) is { } schedule)
            {
                if (schedules.Any(s => s.Name == schedule.Name))
                {
                    problems.Add($"$.schedules[{i}].name: '{schedule.Name}' is used twice.");
                }

                schedules.Add(schedule);
            }
        }

        return problems.Count > 0
            ? throw new InvalidScheduleException(problems)
            : new ScheduleCatalog(schedules);
    }

    private static Schedule? Read(JsonNode? node, string path, List<string> problems)
    {
        if (node is not JsonObject item)
        {
            problems.Add($"{path}: expected an object.");

            return null;
        }

        var before = problems.Count;
        foreach (var (name, _) in item)
        {
            if (name is not ("name" or "cron" or "timeZone" or "definition" or "input"
                or "overlap" or "catchUpWindow"))
            {
                problems.Add($"{path}.{name}: unknown property.");
            }
        }

        var scheduleName = Text(item, "name", path, problems, required: true);
        if (scheduleName is not null && !ScheduleName().IsMatch(scheduleName))
        {
            problems.Add($"{path}.name: expected 1 to 50 lower-case letters, digits or '-', "
                + $"starting with a letter or digit; found '{scheduleName}'.");
        }

        var cron = Text(item, "cron", path, problems, required: true);
        if (cron is not null && !IsCron(cron))
        {
            problems.Add($"{path}.cron: expected a five-field cron expression; found '{cron}'.");
        }

        var zoneId = Text(item, "timeZone", path, problems, required: false);
        var zone = ReadZone(zoneId, path, problems);
        var definition = Text(item, "definition", path, problems, required: true);
        var overlapText = Text(item, "overlap", path, problems, required: false);
        var overlap = ReadOverlap(overlapText, path, problems);
        var window = ReadWindow(
            Text(item, "catchUpWindow", path, problems, required: false),
            path,
            problems);

        return problems.Count > before
            ? null
            : new Schedule(
                scheduleName!,
                cron!,
                zone,
                definition!,
                item["input"]?.DeepClone(),
                overlap,
                window);
    }

    private static TimeZoneInfo ReadZone(string? id, string path, List<string> problems)
    {
        if (id is null)
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            problems.Add($"{path}.timeZone: no time zone has id '{id}'.");
        }
        catch (InvalidTimeZoneException)
        {
            problems.Add($"{path}.timeZone: the time zone '{id}' cannot be read on this host.");
        }

        return TimeZoneInfo.Utc;
    }

    private static OverlapPolicy ReadOverlap(string? text, string path, List<string> problems)
    {
        switch (text)
        {
            case null or "skip":
                return OverlapPolicy.Skip;
            case "allow":
                return OverlapPolicy.Allow;
            case "cancelPrevious":
                return OverlapPolicy.CancelPrevious;
            default:
                problems.Add($"{path}.overlap: expected 'skip', 'allow' or 'cancelPrevious'; "
                    + $"found '{text}'.");

                return OverlapPolicy.Skip;
        }
    }

    private static TimeSpan ReadWindow(string? text, string path, List<string> problems)
    {
        if (text is null)
        {
            return Schedule.DefaultCatchUpWindow;
        }

        if (Duration.TryParse(text, out var window) && window >= TimeSpan.FromMinutes(1))
        {
            return window;
        }

        problems.Add($"{path}.catchUpWindow: expected a duration of at least 1m such as '30m' "
            + $"or '2h'; found '{text}'.");

        return Schedule.DefaultCatchUpWindow;
    }

    private static bool IsCron(string text)
    {
        try
        {
            CronExpression.Parse(text, CronFormat.Standard);

            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    private static string? Text(
        JsonObject item,
        string name,
        string path,
        List<string> problems,
        bool required)
    {
        var node = item[name];
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
        {
            return text;
        }

        if (node is not null || required)
        {
            problems.Add($"{path}.{name}: expected a non-empty string.");
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$", RegexOptions.CultureInvariant)]
    private static partial Regex ScheduleName();
}
