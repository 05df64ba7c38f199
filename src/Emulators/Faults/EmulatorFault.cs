namespace SagaBridge.Emulators.Faults;

/// <summary>
/// A burst of transient failures: the next <paramref name="Count"/> cloud requests whose path
/// contains <paramref name="PathContains"/> (any path when null) answer
/// <paramref name="StatusCode"/> (429 or 503) with a <c>RetryInfo</c> of
/// <paramref name="RetryDelay"/> and a matching <c>Retry-After</c> header. When
/// <paramref name="Delay"/> is positive the requests are answered normally, but that much later.
/// </summary>
public sealed record EmulatorFault(
    int StatusCode,
    int Count,
    TimeSpan RetryDelay,
    string? PathContains = null,
    TimeSpan Delay = default);
