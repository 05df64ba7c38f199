namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// The dependsOn graph of the steps whose ids are valid. Every walk is iterative, so a long
/// chain of steps cannot exhaust the stack.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly IReadOnlyList<string> order;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn;

    public DependencyGraph(
        IReadOnlyList<string> order,
        IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn)
    {
        this.order = order;
        this.dependsOn = dependsOn;
    }

    /// <summary>Every step reachable through dependsOn from <paramref name="id"/>.</summary>
    public HashSet<string> Upstream(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(dependsOn[id]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var further in dependsOn[next])
                {
                    pending.Push(further);
                }
            }
        }

        return seen;
    }

    /// <summary>
    /// One cycle per group of steps that depend on each other, each written in dependency order
    /// and starting with the group's first step in file order.
    /// </summary>
    /// <param name="upstream">The result of <see cref="Upstream"/> for every step.</param>
    public List<List<string>> Cycles(IReadOnlyDictionary<string, HashSet<string>> upstream)
    {
        var cycles = new List<List<string>>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            if (reported.Contains(id) || !upstream[id].Contains(id))
            {
                continue;
            }

            reported.UnionWith(upstream[id].Where(other => upstream[other].Contains(id)));
            cycles.Add(PathBack(id));
        }

        return cycles;
    }

    /// <summary>The shortest dependency path from a step back to itself.</summary>
    private List<string> PathBack(string start)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in dependsOn[current])
            {
                if (next == start)
                {
                    var path = new List<string>();
                    for (var step = current; step != start; step = cameFrom[step])
                    {
                        path.Add(step);
                    }

                    path.Add(start);
                    path.Reverse();
                    return path;
                }

                if (next != start && cameFrom.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [start];
    }
}
