namespace Alliance.AppHost.Hosting;

/// <summary>The last lines a resource printed, already prefixed with <c>[name-replica]</c>; echoed as they come.</summary>
internal sealed class LogBuffer(TextWriter echo, int capacity = 200)
{
    readonly Queue<string> _lines = new();

    public void Add(string prefix, string line)
    {
        var text = $"[{prefix}] {line}";
        lock (_lines)
        {
            _lines.Enqueue(text);
            while (_lines.Count > capacity) _lines.Dequeue();
        }
        try { echo.WriteLine(text); } catch (ObjectDisposedException) { }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (_lines) return _lines.ToArray();
    }
}
