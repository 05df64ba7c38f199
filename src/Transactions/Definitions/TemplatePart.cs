namespace SagaBridge.Transactions.Definitions;

/// <summary>A piece of a templated string: literal text or a template.</summary>
internal sealed record TemplatePart(string? Literal, TemplateReference? Reference);
