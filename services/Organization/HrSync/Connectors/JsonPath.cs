using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alliance.Organization.HrSync.Connectors;

/// <summary>
/// A small path language over JSON: dot-separated property names with optional array indexes, e.g. <c>data.list</c>,
/// <c>items[0].id</c>, <c>result.data.departments[0]</c>, <c>[1]</c>. An empty path is the node itself. A missing
/// property or index yields null, never an exception.
/// </summary>
public static class JsonPath
{
    public static bool IsValid(string? path, out string? error)
    {
        error = null;
        if (path is null) return true;
        try { _ = Steps(path).ToList(); return true; }
        catch (FormatException e) { error = e.Message; return false; }
    }

    public static JsonNode? Select(JsonNode? node, string? path)
    {
        if (string.IsNullOrEmpty(path)) return node;
        foreach (var step in Steps(path))
        {
            node = step switch
            {
                string name when node is JsonObject o => o.TryGetPropertyValue(name, out var v) ? v : null,
                int index when node is JsonArray a => index >= 0 && index < a.Count ? a[index] : null,
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>The value at the path as text: strings as they are, numbers and booleans in invariant form; null for missing, null or a container.</summary>
    public static string? Text(JsonNode? node, string? path) => Select(node, path) is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        }
        : null;

    static IEnumerable<object> Steps(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0) throw new FormatException($"'[' without ']' at {i}.");
                if (!int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    throw new FormatException($"The index at {i} is not a number.");
                yield return index;
                i = end + 1;
                if (i < path.Length && path[i] == '.') { i++; if (i == path.Length) throw new FormatException("The path ends with '.'."); }
                continue;
            }
            var stop = path.IndexOfAny(['.', '['], i);
            if (stop < 0) stop = path.Length;
            if (stop == i) throw new FormatException($"An empty name at {i}.");
            yield return path[i..stop];
            i = stop;
            if (i < path.Length && path[i] == '.') { i++; if (i == path.Length) throw new FormatException("The path ends with '.'."); }
        }
    }
}
