using SagaBridge.Activities.Remote;

namespace SagaBridge.Transactions.Saga;

/// <summary>
/// The input (and the carried-over state between generations) of a <see cref="StepOrchestrator"/>.
/// </summary>
/// <param name="TransactionId">The parent transaction.</param>
/// <param name="StepId">The step.</param>
/// <param name="Role">"step" or "compensation".</param>
/// <param name="Handle">The remote work to wait for.</param>
/// <param name="DeadlineUtc">When the step times out, or null for no limit.</param>
/// <param name="InitialInterval">First poll delay.</param>
/// <param name="MaxInterval">Longest poll delay.</param>
/// <param name="CallbackInterval">Poll delay while a callback is expected (safety net).</param>
/// <param name="ExpectsCallback">True when the remote side reports completion itself.</param>
/// <param name="Drain">Stop by draining instead of cancelling.</param>
/// <param name="NextInterval">The delay before the next poll.</param>
/// <param name="Polls">Polls made so far, over all generations.</param>
/// <param name="StopRequested">The transaction asked for the work to be stopped.</param>
/// <param name="StopIssued">The stop has been sent to the remote API.</param>
/// <param name="TimedOut">The stop was caused by the deadline.</param>
public sealed record StepWait(
    string TransactionId,
    string StepId,
    string Role,
    RemoteWorkHandle Handle,
    DateTime? DeadlineUtc,
    TimeSpan InitialInterval,
    TimeSpan MaxInterval,
    TimeSpan CallbackInterval,
    bool ExpectsCallback,
    bool Drain,
    TimeSpan NextInterval,
    int Polls = 0,
    bool StopRequested = false,
    bool StopIssued = false,
    bool TimedOut = false);
