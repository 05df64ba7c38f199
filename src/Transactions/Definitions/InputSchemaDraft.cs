using System.Text.Json.Nodes;

namespace SagaBridge.Transactions.Definitions;

/// <summary>The parts of an inputSchema that templates and the input are checked against.</summary>
/// <param name="Node">The schema as written.</param>
/// <param name="Properties">Declared property names and their type (null when untyped).</param>
/// <param name="Required">Names the input must have.</param>
/// <param name="TemplatesMayReadOthers">
/// Whether templates may read input members the schema does not declare.
/// </param>
internal sealed record InputSchemaDraft(
    JsonObject Node,
    IReadOnlyDictionary<string, string?> Properties,
    IReadOnlyList<string> Required,
    bool TemplatesMayReadOthers);
