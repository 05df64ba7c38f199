using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SagaBridge.Emulators.EventGrid;
using SagaBridge.Emulators.Faults;
using SagaBridge.Emulators.Scripting;

namespace SagaBridge.Emulators;

/// <summary>
/// What every emulated API shares: state, scripts, faults, events, clock and log.
/// </summary>
internal sealed class EmulatorContext(
    EmulatorStore store,
    EmulatorScripts scripts,
    EmulatorFaults faults,
    EventGridPublisher publisher,
    TimeProvider clock,
    ILogger logger,
    CancellationToken stopping)
{
    public EmulatorStore Store { get; } = store;

    public EmulatorScripts Scripts { get; } = scripts;

    public EmulatorFaults Faults { get; } = faults;

    public EventGridPublisher Publisher { get; } = publisher;

    public RunEventSink RunEvents { get; } = new(publisher);

    public TimeProvider Clock { get; } = clock;

    public ILogger Logger { get; } = logger;

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Cancelled when the emulator stops.</summary>
    public CancellationToken Stopping { get; } = stopping;

    /// <summary>
    /// Waits as long as the target's script says creates take. A client that gives up meanwhile
    /// does not stop the create, as with a real API whose answer is slow.
    /// </summary>
    public async Task DelayCreateAsync(EmulatorScript script)
    {
        if (script.LaunchDelay > TimeSpan.Zero)
        {
            await Task.Delay(script.LaunchDelay, Stopping);
        }
    }

    /// <summary>
    /// Counts a create that took effect (under the store's lock) and says whether its answer must
    /// be dropped.
    /// </summary>
    public bool CountCreate(ScriptedObject created, CreateDecision decision)
    {
        Store.CountCreated(created.Target);
        if (decision.LoseAnswer)
        {
            Store.CreatesLost++;
        }
        else
        {
            Store.CreatesAnswered++;
        }

        return decision.LoseAnswer;
    }

    /// <summary>
    /// Drops the connection without an answer, as a lost response looks to a client.
    /// </summary>
    public void LoseAnswer(HttpContext http, string resourceName)
    {
        Logger.CreateAnswerLost(resourceName);
        http.Abort();
    }
}
