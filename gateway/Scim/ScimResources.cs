using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alliance.Contracts.Organization.V1;

namespace Alliance.Gateway.Scim;

/// <summary>SCIM User and Group JSON to and from the organization service's HR records.</summary>
public static class ScimResources
{
    public const string ListResponseSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    /// <summary>
    /// Attributes a client may send but that are never stored, returned, logged or put into an event (RFC 7643
    /// §4.1.1: <c>password</c> is <c>returned: never</c>). Alliance does not authenticate HR users, so it drops them.
    /// </summary>
    public static readonly string[] NeverKept = ["password"];

    /// <summary>A User resource (POST/PUT body or a patched resource) as the write the service takes; the caller sets id and version.</summary>
    public static HrUserWrite ToWrite(JsonNode? body)
    {
        if (body is not JsonObject user) throw Syntax("The body must be a User object.");
        EnsureSchema(user, ScimPaths.CoreUser);
        var write = new HrUserWrite
        {
            UserName = RequiredText(user, "userName"),
            Active = Bool(user, "active") ?? true,
        };
        if (Text(user, "externalId") is { } externalId) write.ExternalId = externalId;
        if (Text(user, "displayName") is { } displayName) write.DisplayName = displayName;
        if (Text(user, "title") is { } title) write.Title = title;
        if (ScimPaths.Get(user, "name") is { } nameNode)
        {
            if (nameNode is not JsonObject name) throw Value("name must be an object.");
            if (Text(name, "familyName") is { } family) write.FamilyName = family;
            if (Text(name, "givenName") is { } given) write.GivenName = given;
        }
        if (ScimPaths.Get(user, "emails") is { } emailsNode)
        {
            if (emailsNode is not JsonArray emails) throw Value("emails must be an array.");
            foreach (var (item, i) in emails.Select((e, i) => (e, i)))
            {
                if (item is not JsonObject email) throw Value($"emails[{i}] must be an object.");
                write.Emails.Add(new HrEmail
                {
                    Value = RequiredText(email, "value", $"emails[{i}].value"),
                    Type = Text(email, "type", $"emails[{i}].type") ?? "",
                    Primary = Bool(email, "primary", $"emails[{i}].primary") ?? false,
                });
            }
        }
        if (ScimPaths.Get(user, ScimPaths.EnterpriseUser) is { } extensionNode)
        {
            if (extensionNode is not JsonObject enterprise) throw Value($"{ScimPaths.EnterpriseUser} must be an object.");
            if (Text(enterprise, "employeeNumber") is { } number) write.EmployeeNumber = number;
            if (Text(enterprise, "department") is { } department) write.Department = department;
            if (Text(enterprise, "organization") is { } organization) write.Organization = organization;
            if (ScimPaths.Get(enterprise, "manager") is { } managerNode)
            {
                if (managerNode is JsonObject manager) { if (Text(manager, "value", "manager.value") is { } m) write.ManagerId = m; }
                else if (managerNode is JsonValue v && v.GetValueKind() == JsonValueKind.String) write.ManagerId = v.GetValue<string>();
                else throw Value("manager must be an object with a value.");
            }
        }
        // HR's own time of this state, when the client sends it: out-of-order and repeated writes converge on the latest.
        if (ScimPaths.Get(user, "meta") is JsonObject meta && Text(meta, "lastModified", "meta.lastModified") is { } lastModified)
        {
            if (!DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var hrTime))
                throw Value("meta.lastModified must be an ISO 8601 date and time.");
            write.HrUpdatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(hrTime);
        }
        var stored = (JsonObject)user.DeepClone();
        foreach (var readOnly in ScimPatch.ReadOnly.Where(r => r != "schemas")) ScimPaths.Remove(stored, readOnly);
        RemoveNeverKept(stored);
        write.ScimJson = stored.ToJsonString();
        return write;
    }

    /// <summary>The User resource: what the HR client last wrote, with id, meta and the attributes the service knows.</summary>
    public static JsonObject ToJson(HrUser user, string baseUrl)
    {
        var json = JsonNode.Parse(string.IsNullOrWhiteSpace(user.ScimJson) ? "{}" : user.ScimJson) as JsonObject ?? [];
        ScimPaths.Remove(json, "id");
        // Records written before passwords were dropped may still hold one.
        RemoveNeverKept(json);
        var result = new JsonObject { ["schemas"] = null, ["id"] = user.Id };
        foreach (var (key, value) in json.ToList())
        {
            json.Remove(key);
            result[key] = value;
        }
        ScimPaths.Set(result, "userName", user.UserName);
        ScimPaths.Set(result, "active", user.Active);
        var schemas = new JsonArray(ScimPaths.CoreUser);
        if (ScimPaths.Get(result, ScimPaths.EnterpriseUser) is not null) schemas.Add(ScimPaths.EnterpriseUser);
        result["schemas"] = schemas;
        result["meta"] = Meta("User", user.CreatedAt.ToDateTimeOffset(), user.LastModified.ToDateTimeOffset(), $"{baseUrl}/Users/{user.Id}", user.Version);
        return result;
    }

    public static HrGroupWrite ToGroupWrite(JsonNode? body)
    {
        if (body is not JsonObject group) throw Syntax("The body must be a Group object.");
        EnsureSchema(group, ScimPaths.CoreGroup);
        var write = new HrGroupWrite { DisplayName = RequiredText(group, "displayName") };
        if (Text(group, "externalId") is { } externalId) write.ExternalId = externalId;
        if (ScimPaths.Get(group, "members") is { } members) write.MemberIds.AddRange(ScimGroupPatch.MemberIds(members is JsonArray ? members : throw Value("members must be an array.")));
        return write;
    }

    public static JsonObject ToJson(HrGroup group, string baseUrl, bool withMembers = true)
    {
        var result = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimPaths.CoreGroup),
            ["id"] = group.Id,
            ["displayName"] = group.DisplayName,
        };
        if (group.HasExternalId) result["externalId"] = group.ExternalId;
        if (withMembers)
            result["members"] = new JsonArray(group.Members.Select(m => (JsonNode)new JsonObject
            {
                ["value"] = m.Value,
                ["display"] = m.Display,
                ["type"] = m.Type,
                ["$ref"] = $"{baseUrl}/{(m.Type == "Group" ? "Groups" : "Users")}/{m.Value}",
            }).ToArray());
        result["meta"] = Meta("Group", group.CreatedAt.ToDateTimeOffset(), group.LastModified.ToDateTimeOffset(), $"{baseUrl}/Groups/{group.Id}", group.Version);
        return result;
    }

    public static JsonObject ListResponse(IEnumerable<JsonObject> resources, int total, int startIndex)
    {
        var items = new JsonArray(resources.Select(r => (JsonNode)r).ToArray());
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ListResponseSchema),
            ["totalResults"] = total,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = items.Count,
            ["Resources"] = items,
        };
    }

    public static string ETag(long version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version in an If-Match header (W/"7" or "7"); 0 for none or "*"; a malformed one is a 400.</summary>
    public static long IfMatch(string? header)
    {
        var text = header?.Trim() ?? "";
        if (text.Length == 0 || text == "*") return 0;
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        text = text.Trim('"');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version
            : throw ScimException.BadRequest(ScimType.InvalidVersion, $"If-Match \"{header}\" is not an ETag of this resource.");
    }

    /// <summary>attributes / excludedAttributes on top-level attributes (id, schemas and meta are always returned).</summary>
    public static JsonObject Project(JsonObject resource, string? attributes, string? excluded)
    {
        static HashSet<string> Names(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => ScimPaths.WithoutSchema(a)).Select(a => a.StartsWith(ScimPaths.EnterpriseUser, StringComparison.OrdinalIgnoreCase) ? ScimPaths.EnterpriseUser : a.Split('.')[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        string[] always = ["id", "schemas", "meta"];
        if (!string.IsNullOrWhiteSpace(attributes))
        {
            var keep = Names(attributes);
            foreach (var key in resource.Select(p => p.Key).ToList())
                if (!keep.Contains(key) && !always.Contains(key)) resource.Remove(key);
        }
        else if (!string.IsNullOrWhiteSpace(excluded))
        {
            var drop = Names(excluded);
            foreach (var key in resource.Select(p => p.Key).ToList())
                if (drop.Contains(key) && !always.Contains(key)) resource.Remove(key);
        }
        return resource;
    }

    static JsonObject Meta(string type, DateTimeOffset created, DateTimeOffset modified, string location, long version) => new()
    {
        ["resourceType"] = type,
        ["created"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        ["lastModified"] = modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        ["location"] = location,
        ["version"] = ETag(version),
    };

    /// <summary>Drops <see cref="NeverKept"/> attributes, in any case, also when sent with the core schema URN as prefix.</summary>
    static void RemoveNeverKept(JsonObject resource)
    {
        foreach (var key in resource.Select(p => p.Key).ToList())
            if (NeverKept.Contains(ScimPaths.WithoutSchema(key), StringComparer.OrdinalIgnoreCase)) resource.Remove(key);
    }

    static void EnsureSchema(JsonObject resource, string schema)
    {
        if (ScimPaths.Get(resource, "schemas") is not JsonArray schemas
            || !schemas.Any(s => s is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.Equals(v.GetValue<string>(), schema, StringComparison.OrdinalIgnoreCase)))
            throw Syntax($"schemas must contain \"{schema}\".");
    }

    static string RequiredText(JsonObject o, string name, string? label = null) =>
        Text(o, name, label) is { } text && !string.IsNullOrWhiteSpace(text) ? text : throw Value($"{label ?? name} is required.");

    static string? Text(JsonObject o, string name, string? label = null) => ScimPaths.Get(o, name) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        _ => throw Value($"{label ?? name} must be a string."),
    };

    static bool? Bool(JsonObject o, string name, string? label = null) => ScimPaths.Get(o, name) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        // Some identity providers send "True"/"False" as strings.
        JsonValue v when v.GetValueKind() == JsonValueKind.String && bool.TryParse(v.GetValue<string>(), out var b) => b,
        _ => throw Value($"{label ?? name} must be true or false."),
    };

    static ScimException Syntax(string detail) => ScimException.BadRequest(ScimType.InvalidSyntax, detail);
    static ScimException Value(string detail) => ScimException.BadRequest(ScimType.InvalidValue, detail);
}
