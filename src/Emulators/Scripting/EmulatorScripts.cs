using System.Text.Json;
using System.Text.Json.Nodes;

namespace SagaBridge.Emulators.Scripting;

/// <summary>
/// Scripts per target. A target is <c>workflow:{workflowId}</c>,
/// <c>dataflow:{containerSpecGcsPath or gcsPath}</c> or
/// <c>azureml:{experimentName, else displayName}</c>. Thread-safe.
/// </summary>
public sealed class EmulatorScripts
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ScriptCounters> scripts = new(StringComparer.Ordinal);

    internal EmulatorScripts()
    {
    }

    /// <summary>
    /// Sets the script of a target for objects created from now on; the counters of
    /// <see cref="EmulatorScript.FailTimes"/> and <see cref="EmulatorScript.LoseCreateResponse"/>
    /// start again.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <see cref="EmulatorScript.ResultJson"/> is not JSON text.
    /// </exception>
    public void Set(string target, EmulatorScript script)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(script);
        if (script.ResultJson is not null && !IsJson(script.ResultJson))
        {
            throw new ArgumentException(
                $"ResultJson must be JSON text; found '{script.ResultJson}'.",
                nameof(script));
        }

        lock (gate)
        {
            scripts[target] = new ScriptCounters(script);
        }
    }

    /// <summary>Removes every script: every target behaves as unscripted again.</summary>
    public void Clear()
    {
        lock (gate)
        {
            scripts.Clear();
        }
    }

    /// <summary>The script in force for a target (the default one when none was set).</summary>
    public EmulatorScript Get(string target)
    {
        lock (gate)
        {
            return scripts.TryGetValue(target, out var counters)
                ? counters.Script
                : EmulatorScript.Default;
        }
    }

    /// <summary>Decides, once per create, how the new object behaves.</summary>
    internal CreateDecision DecideCreate(string target)
    {
        lock (gate)
        {
            if (!scripts.TryGetValue(target, out var counters))
            {
                return new CreateDecision(EmulatorScript.Default, Fails: false, LoseAnswer: false);
            }

            var script = counters.Script;
            var fails = script.Outcome == ScriptOutcome.Fail || counters.Created < script.FailTimes;
            var lose = counters.Lost < script.LoseCreateResponse;
            counters.Created++;
            if (lose)
            {
                counters.Lost++;
            }

            return new CreateDecision(script, fails, lose);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            JsonNode.Parse(text);

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed class ScriptCounters(EmulatorScript script)
    {
        public EmulatorScript Script { get; } = script;

        public int Created { get; set; }

        public int Lost { get; set; }
    }
}
