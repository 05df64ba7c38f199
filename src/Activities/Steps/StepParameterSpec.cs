namespace SagaBridge.Activities.Steps;

/// <summary>One parameter a step kind accepts.</summary>
/// <param name="Name">The property name in the step's <c>parameters</c> object.</param>
/// <param name="Type">The JSON shape expected.</param>
/// <param name="Required">Whether a definition must give it.</param>
/// <param name="AllowedValues">
/// For string parameters, the only values accepted; empty means any.
/// </param>
/// <param name="Description">What the parameter does, for error messages and docs.</param>
public sealed record StepParameterSpec(
    string Name,
    ParameterType Type,
    bool Required,
    IReadOnlyList<string> AllowedValues,
    string Description);
