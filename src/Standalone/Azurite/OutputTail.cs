namespace SagaBridge.Standalone.Azurite;

/// <summary>The last lines a child process wrote, kept for error messages.</summary>
internal sealed class OutputTail
{
    private const int Capacity = 40;
    private readonly Queue<string> lines = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Enqueue(line);
            while (lines.Count > Capacity)
            {
                lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (lines)
        {
            return string.Join(Environment.NewLine, lines);
        }
    }
}
