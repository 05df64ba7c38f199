using SagaBridge.Emulators.AzureMl;
using SagaBridge.Emulators.Dataflow;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Emulators.Workflows;

namespace SagaBridge.Emulators;

/// <summary>
/// Every remote object the emulator holds. One lock guards all of it: the emulator is a test
/// double, and one lock keeps every answer consistent with every other.
/// </summary>
internal sealed class EmulatorStore
{
    private readonly Dictionary<string, int> createdPerTarget = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> experimentIds = new(StringComparer.Ordinal);
    private long sequence;

    public Lock Gate { get; } = new();

    public List<WorkflowExecution> Executions { get; } = [];

    public List<DataflowJob> DataflowJobs { get; } = [];

    public Dictionary<string, AzureMlJob> AzureMlJobs { get; } =
        new(StringComparer.Ordinal);

    public int CreatesAnswered { get; set; }

    public int CreatesLost { get; set; }

    public IEnumerable<ScriptedObject> All =>
        Executions.Cast<ScriptedObject>().Concat(DataflowJobs).Concat(AzureMlJobs.Values);

    public long NextSequence() => ++sequence;

    public void CountCreated(string target) =>
        createdPerTarget[target] = CreatedCount(target) + 1;

    public int CreatedCount(string target) =>
        createdPerTarget.TryGetValue(target, out var count) ? count : 0;

    public Dictionary<string, int> CreatedCounts() => new(createdPerTarget, StringComparer.Ordinal);

    /// <summary>
    /// A stable id per workspace and experiment, as Azure ML keeps one per experiment.
    /// </summary>
    public string ExperimentId(string workspaceId, string experimentName)
    {
        var key = $"{workspaceId.ToUpperInvariant()}|{experimentName}";
        if (!experimentIds.TryGetValue(key, out var id))
        {
            id = Guid.NewGuid().ToString();
            experimentIds[key] = id;
        }

        return id;
    }
}
