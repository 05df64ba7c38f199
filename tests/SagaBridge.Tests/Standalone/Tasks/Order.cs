namespace SagaBridge.Tests.Standalone.Tasks;

public enum OrderKind
{
    Standard,
    Express,
}

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>An input with the shapes that must survive the durable boundary unchanged.</summary>
public sealed record Order(
    string Id,
    IReadOnlyList<OrderLine> Lines,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Notes,
    OrderKind Kind,
    DateTimeOffset? Due,
    DateTimeOffset? ShippedAt);

public sealed record Receipt(string OrderId, decimal Total, OrderKind Kind, DateTimeOffset? Due,
    IReadOnlyList<OrderLine> Lines, IReadOnlyDictionary<string, IReadOnlyList<string>> Notes);

public sealed record Progress(string Stage, int Done);
