using System.Text.Json.Nodes;

namespace Alliance.Gateway.Scim;

/// <summary>The SCIM error types of RFC 7644 §3.12.</summary>
public static class ScimType
{
    public const string InvalidFilter = "invalidFilter";
    public const string TooMany = "tooMany";
    public const string Uniqueness = "uniqueness";
    public const string Mutability = "mutability";
    public const string InvalidSyntax = "invalidSyntax";
    public const string InvalidPath = "invalidPath";
    public const string NoTarget = "noTarget";
    public const string InvalidValue = "invalidValue";
    public const string InvalidVersion = "invalidVers";
}

/// <summary>A failure answered as a SCIM error (urn:ietf:params:scim:api:messages:2.0:Error): an HTTP status, an optional scimType and a detail.</summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimException BadRequest(string scimType, string detail) => new(400, scimType, detail);

    public JsonObject ToJson() => ScimError.Body(Status, ScimType, Message);
}

public static class ScimError
{
    public const string Schema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static JsonObject Body(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(Schema),
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null) body["scimType"] = scimType;
        return body;
    }
}
