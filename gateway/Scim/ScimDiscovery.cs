using System.Text.Json.Nodes;

namespace Alliance.Gateway.Scim;

/// <summary>/ServiceProviderConfig, /ResourceTypes and /Schemas (RFC 7643 §5–7): what this service provider supports.</summary>
public static class ScimDiscovery
{
    const string ConfigSchema = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    const string ResourceTypeSchema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    const string SchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ConfigSchema),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimEndpoints.MaxCount },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "HR client bearer secret",
            ["description"] = "Authorization: Bearer <secret> of an HR client created in the console or with POST /api/v1/hr-clients.",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{baseUrl}/ServiceProviderConfig" },
    };

    public static JsonObject ResourceType(string name, string baseUrl) => name == "User"
        ? new JsonObject
        {
            ["schemas"] = new JsonArray(ResourceTypeSchema),
            ["id"] = "User", ["name"] = "User", ["endpoint"] = "/Users", ["description"] = "An employee, as the HR system keeps it.",
            ["schema"] = ScimPaths.CoreUser,
            ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimPaths.EnterpriseUser, ["required"] = false }),
            ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/User" },
        }
        : new JsonObject
        {
            ["schemas"] = new JsonArray(ResourceTypeSchema),
            ["id"] = "Group", ["name"] = "Group", ["endpoint"] = "/Groups", ["description"] = "A department, as the HR system keeps it.",
            ["schema"] = ScimPaths.CoreGroup,
            ["schemaExtensions"] = new JsonArray(),
            ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/Group" },
        };

    public static readonly string[] ResourceTypeNames = ["User", "Group"];
    public static readonly string[] SchemaIds = [ScimPaths.CoreUser, ScimPaths.EnterpriseUser, ScimPaths.CoreGroup];

    public static JsonObject? Schema(string id, string baseUrl)
    {
        JsonArray attributes;
        string name;
        if (id.Equals(ScimPaths.CoreUser, StringComparison.OrdinalIgnoreCase))
        {
            name = "User";
            attributes =
            [
                Attr("userName", required: true, uniqueness: "server"),
                Complex("name", false, Attr("formatted"), Attr("familyName"), Attr("givenName"), Attr("middleName")),
                Attr("displayName"), Attr("nickName"), Attr("title"), Attr("userType"), Attr("preferredLanguage"), Attr("locale"), Attr("timezone"),
                Attr("active", type: "boolean"),
                Attr("password", mutability: "writeOnly", returned: "never"),
                Complex("emails", true, Attr("value"), Attr("display"), Attr("type", canonical: ["work", "home", "other"]), Attr("primary", type: "boolean")),
                Complex("phoneNumbers", true, Attr("value"), Attr("type"), Attr("primary", type: "boolean")),
                Complex("groups", true, Attr("value", mutability: "readOnly"), Attr("$ref", type: "reference", mutability: "readOnly"), Attr("display", mutability: "readOnly")),
            ];
            foreach (var a in attributes.OfType<JsonObject>().Where(a => (string?)a["name"] == "groups")) a["mutability"] = "readOnly";
        }
        else if (id.Equals(ScimPaths.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
        {
            name = "EnterpriseUser";
            attributes =
            [
                Attr("employeeNumber"), Attr("costCenter"), Attr("organization"), Attr("division"), Attr("department"),
                Complex("manager", false, Attr("value"), Attr("$ref", type: "reference"), Attr("displayName", mutability: "readOnly")),
            ];
        }
        else if (id.Equals(ScimPaths.CoreGroup, StringComparison.OrdinalIgnoreCase))
        {
            name = "Group";
            attributes =
            [
                Attr("displayName", required: true),
                Complex("members", true, Attr("value", mutability: "immutable"), Attr("$ref", type: "reference", mutability: "immutable"),
                    Attr("display", mutability: "readOnly"), Attr("type", mutability: "immutable", canonical: ["User", "Group"])),
            ];
        }
        else return null;
        var canonicalId = SchemaIds.First(s => s.Equals(id, StringComparison.OrdinalIgnoreCase));
        return new JsonObject
        {
            ["schemas"] = new JsonArray(SchemaSchema),
            ["id"] = canonicalId,
            ["name"] = name,
            ["attributes"] = attributes,
            ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{baseUrl}/Schemas/{canonicalId}" },
        };
    }

    static JsonObject Attr(string name, string type = "string", bool required = false, string mutability = "readWrite",
        string uniqueness = "none", string[]? canonical = null, string returned = "default")
    {
        var a = new JsonObject
        {
            ["name"] = name, ["type"] = type, ["multiValued"] = false, ["required"] = required, ["caseExact"] = false,
            ["mutability"] = mutability, ["returned"] = returned, ["uniqueness"] = uniqueness,
        };
        if (canonical is not null) a["canonicalValues"] = new JsonArray(canonical.Select(c => (JsonNode)c).ToArray());
        return a;
    }

    static JsonObject Complex(string name, bool multiValued, params JsonObject[] subAttributes) => new()
    {
        ["name"] = name, ["type"] = "complex", ["multiValued"] = multiValued, ["required"] = false,
        ["mutability"] = "readWrite", ["returned"] = "default", ["uniqueness"] = "none",
        ["subAttributes"] = new JsonArray(subAttributes.Select(s => (JsonNode)s).ToArray()),
    };
}
