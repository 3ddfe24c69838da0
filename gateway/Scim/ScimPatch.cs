using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alliance.Gateway.Scim;

/// <summary>A PATCH path (RFC 7644 §3.5.2): an attribute, an optional value filter, an optional sub-attribute, in the core schema or the enterprise extension.</summary>
public sealed record ScimPatchPath(string? ExtensionUrn, string? Attribute, FilterNode? Filter, string? SubAttribute)
{
    public static ScimPatchPath Parse(string path)
    {
        var text = path.Trim();
        if (text.Length == 0) throw Invalid("The path is empty.");
        string? urn = null;
        if (text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            if (text.Equals(ScimPaths.EnterpriseUser, StringComparison.OrdinalIgnoreCase)) return new(ScimPaths.EnterpriseUser, null, null, null);
            if (text.StartsWith(ScimPaths.EnterpriseUser + ":", StringComparison.OrdinalIgnoreCase))
            {
                urn = ScimPaths.EnterpriseUser;
                text = text[(ScimPaths.EnterpriseUser.Length + 1)..];
            }
            else
            {
                var stripped = ScimPaths.WithoutSchema(text);
                if (stripped == text) throw Invalid($"The schema of \"{path}\" is not known here.");
                text = stripped;
            }
        }
        var end = text.IndexOfAny(['[', '.']);
        var attribute = end < 0 ? text : text[..end];
        if (attribute.Length == 0 || !attribute.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '$'))
            throw Invalid($"\"{path}\" is not a valid path.");
        if (end < 0) return new(urn, attribute, null, null);
        FilterNode? filter = null;
        var rest = text[end..];
        if (rest[0] == '[')
        {
            var close = ClosingBracket(rest);
            if (close < 0) throw Invalid($"\"{path}\" has no closing \"]\".");
            try
            {
                filter = ScimFilterParser.ParseValueFilter(rest[1..close]);
            }
            catch (ScimException ex)
            {
                throw Invalid($"The filter in \"{path}\" is not valid: {ex.Message}");
            }
            rest = rest[(close + 1)..];
            if (rest.Length == 0) return new(urn, attribute, filter, null);
        }
        if (rest[0] != '.' || rest.Length < 2 || !rest[1..].All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '$'))
            throw Invalid($"\"{path}\" is not a valid path.");
        return new(urn, attribute, filter, rest[1..]);
    }

    static int ClosingBracket(string text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\' && quoted) { i++; continue; }
            if (text[i] == '"') quoted = !quoted;
            else if (!quoted && text[i] == ']') return i;
        }
        return -1;
    }

    static ScimException Invalid(string detail) => ScimException.BadRequest(ScimType.InvalidPath, detail);
}

/// <summary>One operation of a PatchOp request.</summary>
public sealed record ScimPatchOperation(string Op, string? Path, JsonNode? Value);

/// <summary>
/// The PATCH engine of RFC 7644 §3.5.2 over a resource's JSON: add, replace and remove, with and without a path,
/// value filters (<c>emails[type eq "work"].value</c>), the enterprise extension URN in paths, case-insensitive
/// attribute names. Pure: it changes the object it is given and nothing else.
/// </summary>
public static class ScimPatch
{
    public const string PatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const int MaxOperations = 1000;
    /// <summary>Attributes the server owns; a path naming one is a mutability error, and path-less values skip them.</summary>
    public static readonly string[] ReadOnly = ["id", "meta", "groups", "schemas"];

    /// <summary>The operations of a PatchOp body; a malformed body is invalidSyntax.</summary>
    public static IReadOnlyList<ScimPatchOperation> ReadOperations(JsonNode? body)
    {
        if (body is not JsonObject o) throw Syntax("The body must be a PatchOp object.");
        if (ScimPaths.Get(o, "schemas") is not JsonArray schemas || !schemas.Any(s => s is JsonValue v && v.GetValueKind() == JsonValueKind.String
                && string.Equals(v.GetValue<string>(), PatchOpSchema, StringComparison.OrdinalIgnoreCase)))
            throw Syntax($"schemas must contain \"{PatchOpSchema}\".");
        if (ScimPaths.Get(o, "Operations") is not JsonArray operations || operations.Count == 0) throw Syntax("Operations must be a non-empty array.");
        if (operations.Count > MaxOperations) throw new ScimException(400, ScimType.TooMany, $"At most {MaxOperations} operations per request.");
        return operations.Select((node, i) =>
        {
            if (node is not JsonObject op) throw Syntax($"Operations[{i}] must be an object.");
            var name = ScimPaths.Get(op, "op") is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>().ToLowerInvariant() : null;
            if (name is not ("add" or "replace" or "remove")) throw Syntax($"Operations[{i}].op must be add, replace or remove.");
            string? path = null;
            if (ScimPaths.Get(op, "path") is { } p)
            {
                if (p is not JsonValue pv || pv.GetValueKind() != JsonValueKind.String) throw ScimException.BadRequest(ScimType.InvalidPath, $"Operations[{i}].path must be a string.");
                path = pv.GetValue<string>();
                if (string.IsNullOrWhiteSpace(path)) path = null;
            }
            return new ScimPatchOperation(name, path, ScimPaths.Get(op, "value"));
        }).ToList();
    }

    public static void Apply(JsonObject resource, IEnumerable<ScimPatchOperation> operations)
    {
        foreach (var op in operations) Apply(resource, op);
    }

    public static void Apply(JsonObject resource, ScimPatchOperation op)
    {
        if (op.Path is null)
        {
            if (op.Op == "remove") throw new ScimException(400, ScimType.NoTarget, "A remove operation needs a path.");
            if (op.Value is not JsonObject values) throw Value("Without a path the value must be an object of attributes.");
            foreach (var (key, value) in values.ToList())
            {
                if (ReadOnly.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
                if (string.Equals(key, ScimPaths.EnterpriseUser, StringComparison.OrdinalIgnoreCase) && value is JsonObject extension)
                {
                    foreach (var (sub, subValue) in extension.ToList()) Apply(resource, op with { Path = $"{ScimPaths.EnterpriseUser}:{sub}", Value = subValue });
                    continue;
                }
                Apply(resource, op with { Path = key, Value = value });
            }
            return;
        }

        var path = ScimPatchPath.Parse(op.Path);
        if (path.ExtensionUrn is null && ReadOnly.Contains(path.Attribute, StringComparer.OrdinalIgnoreCase))
            throw new ScimException(400, ScimType.Mutability, $"\"{path.Attribute}\" cannot be changed.");
        if (op.Op != "remove" && op.Value is null) throw Value($"The {op.Op} operation on \"{op.Path}\" needs a value.");

        JsonObject container = resource;
        if (path.ExtensionUrn is { } urn)
        {
            if (ScimPaths.Get(resource, urn) is JsonObject ext) container = ext;
            else if (op.Op == "remove") return;
            else
            {
                container = [];
                ScimPaths.Set(resource, urn, container);
                AddSchema(resource, urn);
            }
            if (path.Attribute is null)
            {
                if (op.Op == "remove") { ScimPaths.Remove(resource, urn); return; }
                if (op.Value is not JsonObject values) throw Value($"The value of \"{urn}\" must be an object.");
                foreach (var (key, value) in values.ToList()) Apply(resource, op with { Path = $"{urn}:{key}", Value = value });
                return;
            }
        }
        var attribute = path.Attribute!;

        if (path.Filter is null)
        {
            var existing = ScimPaths.Get(container, attribute);
            if (path.SubAttribute is { } sub)
            {
                if (existing is JsonArray all)
                {
                    foreach (var item in all.OfType<JsonObject>()) SetOrRemove(item, sub, op);
                    return;
                }
                if (existing is not JsonObject parent)
                {
                    if (op.Op == "remove") return;
                    parent = [];
                    ScimPaths.Set(container, attribute, parent);
                }
                SetOrRemove(parent, sub, op);
                return;
            }
            switch (op.Op)
            {
                case "remove" when op.Value is not null && existing is JsonArray values:
                    // Remove the listed values ({"value": …}) from a multi-valued attribute, as identity providers do for members.
                    var drop = Items(op.Value).Select(Identity).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    foreach (var item in values.ToList().Where(item => drop.Contains(Identity(item)))) values.Remove(item);
                    return;
                case "remove":
                    ScimPaths.Remove(container, attribute);
                    return;
                case "add" when existing is JsonArray array:
                    var present = array.Select(Identity).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    foreach (var item in Items(op.Value!))
                        if (present.Add(Identity(item))) array.Add(item?.DeepClone());
                    return;
                case "add" or "replace" when existing is JsonObject target && op.Value is JsonObject merge:
                    foreach (var (key, value) in merge.ToList()) ScimPaths.Set(target, key, value?.DeepClone());
                    return;
                default:
                    // A single-valued attribute takes the value; replace on a multi-valued one replaces all its values.
                    ScimPaths.Set(container, attribute, op.Value!.DeepClone());
                    return;
            }
        }

        var list = ScimPaths.Get(container, attribute);
        if (list is not null and not JsonArray) throw ScimException.BadRequest(ScimType.InvalidPath, $"\"{attribute}\" is not multi-valued; a filter cannot select its values.");
        var arrayValues = list as JsonArray;
        var matches = arrayValues?.OfType<JsonObject>().Where(item => ScimFilterEvaluator.Matches(path.Filter, item)).ToList() ?? [];
        if (op.Op == "remove")
        {
            foreach (var match in matches)
            {
                if (path.SubAttribute is { } sub) ScimPaths.Remove(match, sub);
                else arrayValues!.Remove(match);
            }
            if (arrayValues is { Count: 0 }) ScimPaths.Remove(container, attribute);
            return;
        }
        if (matches.Count == 0)
        {
            // emails[type eq "work"].value with no work address yet: the address is added with type work.
            if (EqualityConditions(path.Filter) is not { } conditions)
                throw new ScimException(400, ScimType.NoTarget, $"No value of \"{attribute}\" matches the filter of \"{op.Path}\".");
            var created = new JsonObject();
            foreach (var (key, value) in conditions) created[key] = value.DeepClone();
            if (arrayValues is null)
            {
                arrayValues = [];
                ScimPaths.Set(container, attribute, arrayValues);
            }
            arrayValues.Add(created);
            matches = [created];
        }
        foreach (var match in matches)
        {
            if (path.SubAttribute is { } sub) ScimPaths.Set(match, sub, op.Value!.DeepClone());
            else if (op.Value is JsonObject merge)
                foreach (var (key, value) in merge.ToList()) ScimPaths.Set(match, key, value?.DeepClone());
            else throw Value($"The value for \"{op.Path}\" must be an object.");
        }
        // At most one value is primary.
        if (matches.Any(m => ScimPaths.Get(m, "primary") is JsonValue p && p.GetValueKind() == JsonValueKind.True))
            foreach (var other in arrayValues!.OfType<JsonObject>().Where(o => !matches.Contains(o) && ScimPaths.Get(o, "primary") is not null))
                ScimPaths.Set(other, "primary", false);
    }

    static void SetOrRemove(JsonObject target, string sub, ScimPatchOperation op)
    {
        if (op.Op == "remove") ScimPaths.Remove(target, sub);
        else ScimPaths.Set(target, sub, op.Value!.DeepClone());
    }

    static void AddSchema(JsonObject resource, string urn)
    {
        if (ScimPaths.Get(resource, "schemas") is not JsonArray schemas) ScimPaths.Set(resource, "schemas", schemas = []);
        if (!schemas.Any(s => s is JsonValue v && string.Equals(v.ToString(), urn, StringComparison.OrdinalIgnoreCase))) schemas.Add(urn);
    }

    static IEnumerable<JsonNode?> Items(JsonNode value) => value is JsonArray array ? array.ToList() : [value];

    /// <summary>What makes a value of a multi-valued attribute the same value: its "value" sub-attribute, else the whole JSON.</summary>
    static string Identity(JsonNode? item) =>
        item is JsonObject o && ScimPaths.Get(o, "value") is JsonValue v ? "v:" + v.ToString() : "j:" + (item?.ToJsonString() ?? "null");

    /// <summary>The attribute = value pairs of a filter made only of eq and and; null for any other filter.</summary>
    static List<(string, JsonValue)>? EqualityConditions(FilterNode filter) => filter switch
    {
        Comparison { Operator: "eq", Value: { } value } c when !c.Attribute.Contains('.') => [(c.Attribute, value)],
        AndFilter a when EqualityConditions(a.Left) is { } left && EqualityConditions(a.Right) is { } right => [.. left, .. right],
        _ => null,
    };

    static ScimException Syntax(string detail) => ScimException.BadRequest(ScimType.InvalidSyntax, detail);
    static ScimException Value(string detail) => ScimException.BadRequest(ScimType.InvalidValue, detail);
}
