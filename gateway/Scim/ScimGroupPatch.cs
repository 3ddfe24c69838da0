using System.Text.Json;
using System.Text.Json.Nodes;
using Alliance.Contracts.Organization.V1;

namespace Alliance.Gateway.Scim;

/// <summary>
/// A group PATCH made into changes the organization service applies under a row lock: member additions and removals
/// as deltas (never a whole list read earlier), so concurrent patches of one group all land. Pure.
/// </summary>
public static class ScimGroupPatch
{
    public static PatchHrGroupRequest Translate(string id, IReadOnlyList<ScimPatchOperation> operations)
    {
        var request = new PatchHrGroupRequest { Id = id };
        foreach (var op in operations) Apply(request, op);
        return request;
    }

    static void Apply(PatchHrGroupRequest request, ScimPatchOperation op)
    {
        if (op.Path is null)
        {
            if (op.Op == "remove") throw new ScimException(400, ScimType.NoTarget, "A remove operation needs a path.");
            if (op.Value is not JsonObject values) throw Value("Without a path the value must be an object of attributes.");
            foreach (var (key, value) in values.ToList())
            {
                if (ScimPatch.ReadOnly.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
                Apply(request, op with { Path = key, Value = value });
            }
            return;
        }
        var path = ScimPatchPath.Parse(op.Path);
        if (path.ExtensionUrn is not null) throw ScimException.BadRequest(ScimType.InvalidPath, $"Groups have no attribute \"{op.Path}\".");
        var attribute = path.Attribute!.ToLowerInvariant();
        if (ScimPatch.ReadOnly.Contains(attribute)) throw new ScimException(400, ScimType.Mutability, $"\"{path.Attribute}\" cannot be changed.");
        switch (attribute)
        {
            case "displayname" when path.Filter is null && path.SubAttribute is null:
                if (op.Op == "remove") throw new ScimException(400, ScimType.Mutability, "displayName is required and cannot be removed.");
                request.DisplayName = Text(op.Value, "displayName");
                return;
            case "externalid" when path.Filter is null && path.SubAttribute is null:
                request.ExternalId = op.Op == "remove" ? "" : Text(op.Value, "externalId");
                return;
            case "members" when path.SubAttribute is null:
                Members(request, op, path.Filter);
                return;
            default:
                throw ScimException.BadRequest(ScimType.InvalidPath, $"Groups have no attribute \"{op.Path}\" that can be changed.");
        }
    }

    static void Members(PatchHrGroupRequest request, ScimPatchOperation op, FilterNode? filter)
    {
        if (filter is not null)
        {
            if (op.Op != "remove") throw ScimException.BadRequest(ScimType.InvalidPath, "Members are added or replaced by value, without a filter.");
            var change = new MemberChange { Kind = MemberChange.Types.Kind.Remove };
            change.MemberIds.AddRange(ValueIds(filter));
            request.MemberChanges.Add(change);
            return;
        }
        var kind = op.Op switch
        {
            "add" => MemberChange.Types.Kind.Add,
            "replace" => MemberChange.Types.Kind.ReplaceAll,
            _ => op.Value is null ? MemberChange.Types.Kind.RemoveAll : MemberChange.Types.Kind.Remove,
        };
        var result = new MemberChange { Kind = kind };
        if (op.Value is not null) result.MemberIds.AddRange(MemberIds(op.Value));
        else if (op.Op != "remove") throw Value("members needs a value.");
        request.MemberChanges.Add(result);
    }

    /// <summary>The ids of <c>[{"value": id}, …]</c> (or one such object).</summary>
    public static IEnumerable<string> MemberIds(JsonNode value)
    {
        var items = value is JsonArray array ? array.ToList() : [value];
        return items.Select((item, i) => item is JsonObject o && ScimPaths.Get(o, "value") is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && v.GetValue<string>() is { Length: > 0 } id ? id.Trim() : throw Value($"members[{i}] must be an object with a \"value\" (the member's id).")).ToList();
    }

    /// <summary>members[value eq "a" or value eq "b"]: the ids it names; any other filter is not supported.</summary>
    static IEnumerable<string> ValueIds(FilterNode filter) => filter switch
    {
        Comparison { Operator: "eq", Value: { } v } c when c.Attribute.Equals("value", StringComparison.OrdinalIgnoreCase) && v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        OrFilter o => [.. ValueIds(o.Left), .. ValueIds(o.Right)],
        _ => throw ScimException.BadRequest(ScimType.InvalidFilter, "Members are selected by value: members[value eq \"id\"] (joined with or)."),
    };

    static string Text(JsonNode? value, string name) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Value($"{name} must be a string.");

    static ScimException Value(string detail) => ScimException.BadRequest(ScimType.InvalidValue, detail);
}
