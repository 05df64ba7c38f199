namespace SagaBridge.Activities.Steps;

/// <summary>
/// What a step kind accepts, so that definitions can be checked before anything runs.
/// </summary>
/// <param name="Kind">The kind's name as written in definitions.</param>
/// <param name="Parameters">Every parameter the kind accepts; others are rejected.</param>
public sealed record StepKindSpec(string Kind, IReadOnlyList<StepParameterSpec> Parameters)
{
    public StepParameterSpec? Find(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
