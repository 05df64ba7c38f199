namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// One member name (<c>.name</c>) or array index (<c>[2]</c>) of a template path.
/// </summary>
internal sealed record TemplatePathSegment(string? Name, int Index)
{
    public override string ToString() => Name is null ? $"[{Index}]" : "." + Name;
}
