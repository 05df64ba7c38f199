namespace SagaBridge.Transactions.Definitions;

/// <summary>One parsed <c>{{…}}</c> template.</summary>
/// <param name="Text">The template as written, braces included.</param>
/// <param name="Root">What it reads from.</param>
/// <param name="StepId">For step roots, the step it reads.</param>
/// <param name="Path">Members and indexes below the root (input and step output only).</param>
internal sealed record TemplateReference(
    string Text,
    TemplateRoot Root,
    string? StepId,
    IReadOnlyList<TemplatePathSegment> Path);
