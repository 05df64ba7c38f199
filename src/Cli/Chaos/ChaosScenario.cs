using System.Globalization;
using System.Text.Json.Nodes;
using SagaBridge.Emulators;
using SagaBridge.Emulators.Faults;
using SagaBridge.Emulators.Scripting;
using SagaBridge.Transactions.Definitions;

namespace SagaBridge.Cli.Chaos;

/// <summary>
/// The transactions of a chaos run and the emulator scripts they rely on. Scripts are per
/// target, so each outcome has a workflow of its own and a transaction's definition picks the
/// workflows that make it end as planned.
/// </summary>
internal sealed class ChaosScenario
{
    /// <summary>Workflow that undoes any step; its argument names transaction and step.</summary>
    public const string UndoWorkflow = "chaos-undo";

    // Undoing takes a few polls, so kills also land while a transaction compensates.
    private const int UndoReads = 4;
    private const string OkWorkflow = "chaos-ok";
    private const string SlowWorkflow = "chaos-slow";
    private const string FailWorkflow = "chaos-fail";
    private const string HoldWorkflow = "chaos-hold";
    private const string Project = "chaos-project";
    private const string Location = "europe-west4";
    private const string Template = "gs://chaos-project-sagabridge/templates/extract.json";

    private readonly Random random;
    private readonly string runId;
    private int next;

    public ChaosScenario(int seed, string runId)
    {
        random = new Random(seed);
        this.runId = runId;
    }

    /// <summary>Scripts every target the definitions use.</summary>
    public static void Script(CloudEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);

        emulator.Scripts.Set(Workflow(OkWorkflow), new EmulatorScript { SucceedAfterReads = 2 });

        // Limitation: a create still in flight when its worker dies can take effect after the
        // restarted worker listed by label and created its own, and Cloud Workflows has no
        // request id to deduplicate on. The run keeps slow creates (400 ms) shorter than a
        // restart; closing the gap needs a retried start to wait out the longest create
        // latency before it creates again.
        emulator.Scripts.Set(Workflow(SlowWorkflow), new EmulatorScript
        {
            SucceedAfterReads = 2,
            LaunchDelay = TimeSpan.FromMilliseconds(400),
        });
        emulator.Scripts.Set(Workflow(FailWorkflow), new EmulatorScript
        {
            SucceedAfterReads = 2,
            Outcome = ScriptOutcome.Fail,
            ErrorMessage = "chaos: scripted failure",
        });
        emulator.Scripts.Set(Workflow(HoldWorkflow), new EmulatorScript
        {
            Outcome = ScriptOutcome.RunUntilCancelled,
        });
        emulator.Scripts.Set(Workflow(UndoWorkflow), new EmulatorScript
        {
            SucceedAfterReads = UndoReads,
        });
        emulator.Scripts.Set("dataflow:" + Template, new EmulatorScript { SucceedAfterReads = 2 });
    }

    /// <summary>
    /// Injects one fault, chosen from the seed: a 503 or 429 burst, a lost create answer, or
    /// slow answers. Every fault is short enough for the activities' retries to absorb.
    /// </summary>
    public static string InjectFault(CloudEmulator emulator, Random random)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(random);

        switch (random.Next(4))
        {
            case 0:
                emulator.Faults.Add(new EmulatorFault(503, 2, TimeSpan.FromMilliseconds(100)));

                return "503 burst";
            case 1:
                emulator.Faults.Add(new EmulatorFault(429, 2, TimeSpan.FromMilliseconds(100)));

                return "429 burst";
            case 2:
                var undo = random.Next(2) == 0;
                var target = undo ? UndoWorkflow : OkWorkflow;
                emulator.Scripts.Set(Workflow(target), new EmulatorScript
                {
                    SucceedAfterReads = undo ? UndoReads : 2,
                    LoseCreateResponse = 1,
                });

                return "lost create answer (" + target + ")";
            default:
                emulator.Faults.Add(new EmulatorFault(
                    200,
                    4,
                    TimeSpan.Zero,
                    Delay: TimeSpan.FromMilliseconds(700)));

                return "slow answers";
        }
    }

    /// <summary>The next transaction: its plan and the definition that makes it end so.</summary>
    public (ChaosTransaction Transaction, TransactionDefinition Definition) Next()
    {
        next++;
        var id = string.Create(CultureInfo.InvariantCulture, $"{runId}-{next:D4}");
        var stepIds = Enumerable.Range(1, random.Next(3, 5))
            .Select(i => "s" + i.ToString(CultureInfo.InvariantCulture))
            .ToList();

        var roll = random.Next(10);
        var outcome = roll < 4 ? ChaosOutcome.Commit
            : roll < 8 ? ChaosOutcome.Fail
            : ChaosOutcome.Cancel;
        var target = outcome == ChaosOutcome.Commit ? stepIds.Count : random.Next(stepIds.Count);
        var dataflowFirst = random.Next(2) == 0;

        var steps = new JsonArray();
        for (var index = 0; index < stepIds.Count; index++)
        {
            var targetWorkflow = outcome == ChaosOutcome.Fail ? FailWorkflow : HoldWorkflow;
            var step = index == target
                ? WorkflowStep(stepIds[index], targetWorkflow)
                : index == 0 && dataflowFirst
                    ? DataflowStep(stepIds[index])
                    : WorkflowStep(stepIds[index], random.Next(3) == 0 ? SlowWorkflow : OkWorkflow);
            if (index > 0)
            {
                step["dependsOn"] = new JsonArray(JsonValue.Create(stepIds[index - 1]));
            }

            steps.Add(step);
        }

        var transaction = new ChaosTransaction(id, outcome, stepIds, target);

        return (transaction, DefinitionLoader.Load(Definition(steps).ToJsonString()));
    }

    private static string Workflow(string id) => "workflow:" + id;

    private static JsonObject Definition(JsonArray steps) => new()
    {
        ["name"] = "chaos",
        ["version"] = "1",
        ["defaults"] = new JsonObject
        {
            ["timeout"] = "10m",
            ["retry"] = new JsonObject
            {
                ["maxAttempts"] = 5,
                ["initialInterval"] = "200ms",
                ["backoffCoefficient"] = 2,
                ["maxInterval"] = "1s",
            },
            ["poll"] = new JsonObject
            {
                ["initialInterval"] = "200ms",
                ["maxInterval"] = "1s",
            },
        },
        ["steps"] = steps,
    };

    private static JsonObject WorkflowStep(string id, string workflow) => new()
    {
        ["id"] = id,
        ["kind"] = "gcp.workflow",
        ["parameters"] = WorkflowParameters(workflow, Argument(id, undo: false)),
        ["compensate"] = Undo(id),
    };

    private static JsonObject DataflowStep(string id) => new()
    {
        ["id"] = id,
        ["kind"] = "gcp.dataflow.flexTemplate",
        ["parameters"] = new JsonObject
        {
            ["project"] = Project,
            ["location"] = Location,
            ["containerSpecGcsPath"] = Template,
            ["jobNamePrefix"] = "{{transaction.id}}",
            ["parameters"] = new JsonObject { ["output"] = "gs://chaos/{{transaction.id}}/" },
        },
        ["compensate"] = Undo(id),
    };

    private static JsonObject Undo(string id) => new()
    {
        ["kind"] = "gcp.workflow",
        ["parameters"] = WorkflowParameters(UndoWorkflow, Argument(id, undo: true)),
    };

    private static JsonObject Argument(string stepId, bool undo)
    {
        var argument = new JsonObject
        {
            ["transaction"] = "{{transaction.id}}",
            ["step"] = stepId,
        };
        if (undo)
        {
            argument["undo"] = "{{steps." + stepId + ".remoteId}}";
        }

        return argument;
    }

    private static JsonObject WorkflowParameters(string workflow, JsonObject argument) => new()
    {
        ["project"] = Project,
        ["location"] = Location,
        ["workflow"] = workflow,
        ["argument"] = argument,
    };
}
