using System.Globalization;
using System.Text;

namespace Alliance.AppHost.Hosting;

/// <summary>A process and its descendants, from /proc: a shell's children must not outlive it when we stop it.</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> WithDescendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in SafeDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            var parent = ParentOf(pid);
            if (parent is null) continue;
            if (!children.TryGetValue(parent.Value, out var list)) children[parent.Value] = list = [];
            list.Add(pid);
        }
        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
            if (children.TryGetValue(result[i], out var list)) result.AddRange(list.Where(p => !result.Contains(p)));
        return result;
    }

    /// <summary>Live processes whose environment holds <paramref name="key"/>=<paramref name="value"/> (only those we may read: our user's).</summary>
    public static IReadOnlyList<int> Carrying(string key, string value)
    {
        var wanted = Encoding.UTF8.GetBytes($"{key}={value}\0");
        var result = new List<int>();
        foreach (var dir in SafeDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            byte[] environ;
            try { environ = File.ReadAllBytes($"/proc/{pid}/environ"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (environ.AsSpan().IndexOf(wanted) >= 0 && IsAlive(pid)) result.Add(pid);
        }
        return result;
    }

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = ReadStat(pid);
        if (stat is null) return false;
        var afterName = stat[(stat.LastIndexOf(')') + 2)..];
        return afterName.Length > 0 && afterName[0] is not ('Z' or 'X');
    }

    static int? ParentOf(int pid)
    {
        var stat = ReadStat(pid);
        if (stat is null) return null;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
    }

    static string? ReadStat(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    static string[] SafeDirectories(string path)
    {
        try { return Directory.GetDirectories(path); }
        catch (IOException) { return []; }
    }
}
