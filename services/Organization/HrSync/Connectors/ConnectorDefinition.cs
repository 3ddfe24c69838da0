using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alliance.Organization.HrSync.Connectors;

/// <summary>
/// How to call one HR system's list API and read employees out of its JSON: where the items and the next cursor are,
/// and which JSON path in an item holds each of Alliance's fields. Stored as jsonb (without the secret) in
/// <c>hr_connectors.definition</c>; see docs/api.md "HR connectors" for the format and sample mappings.
/// </summary>
public sealed class ConnectorDefinition
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public const int MaxPageSize = 1000;

    /// <summary>The API's root, absolute http(s), e.g. <c>https://qyapi.weixin.qq.com</c>.</summary>
    public string BaseUrl { get; set; } = "";
    /// <summary>The list endpoint below the root, with any fixed query, e.g. <c>/cgi-bin/user/list?department_id=1</c>.</summary>
    public string ListPath { get; set; } = "";
    public ConnectorAuth Auth { get; set; } = new();
    /// <summary><c>token</c>: the API hands out a next-page token (<see cref="NextCursorPath"/>); <c>updatedSince</c>: the cursor is the
    /// latest HR change time seen, sent back as a lower bound.</summary>
    public string CursorMode { get; set; } = CursorModes.Token;
    /// <summary>The query parameter that carries the cursor, e.g. <c>cursor</c>, <c>page_token</c>, <c>updated_since</c>.</summary>
    public string CursorParameter { get; set; } = "cursor";
    public string? PageSizeParameter { get; set; }
    public int PageSize { get; set; } = 100;
    /// <summary>The path to the items array in the answer, e.g. <c>data.items</c>; empty when the answer is the array.</summary>
    public string ItemsPath { get; set; } = "";
    /// <summary>token mode: the path to the next cursor, e.g. <c>data.page_token</c>.</summary>
    public string? NextCursorPath { get; set; }
    /// <summary>Optional: the path to a boolean "more pages" flag, e.g. <c>data.has_more</c>.</summary>
    public string? HasMorePath { get; set; }
    public FieldMapping Fields { get; set; } = new();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ConnectorDefinition FromJson(string json) => JsonSerializer.Deserialize<ConnectorDefinition>(json, Json)
        ?? throw new JsonException("The definition is null.");

    /// <summary>Field errors keyed by the JSON name of the property (<c>definition.fields.name</c>, …); empty when valid.</summary>
    public Dictionary<string, string[]> Validate(string prefix = "definition.")
    {
        var errors = new Dictionary<string, string[]>();
        // The message names the path too: clients that key errors by the last segment still know where it belongs.
        void Error(string field, string message) => errors[prefix + field] = [$"{field}: {message}"];
        void PathOk(string field, string? path)
        {
            if (!JsonPath.IsValid(path, out var error)) Error(field, "is not a valid path: " + error);
        }
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var root) || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps))
            Error("baseUrl", "must be an absolute http or https URL.");
        if (string.IsNullOrWhiteSpace(ListPath) || !ListPath.StartsWith('/')) Error("listPath", "must start with '/'.");
        if (Auth.Kind is not (AuthKinds.None or AuthKinds.Bearer or AuthKinds.Header)) Error("auth.kind", "must be none, bearer or header.");
        if (Auth.Kind == AuthKinds.Header && string.IsNullOrWhiteSpace(Auth.HeaderName)) Error("auth.headerName", "is required for header auth.");
        if (CursorMode is not (CursorModes.Token or CursorModes.UpdatedSince)) Error("cursorMode", "must be token or updatedSince.");
        if (string.IsNullOrWhiteSpace(CursorParameter)) Error("cursorParameter", "is required.");
        if (PageSize is < 1 or > MaxPageSize) Error("pageSize", $"must be between 1 and {MaxPageSize}.");
        PathOk("itemsPath", ItemsPath);
        PathOk("nextCursorPath", NextCursorPath);
        PathOk("hasMorePath", HasMorePath);
        if (CursorMode == CursorModes.Token && string.IsNullOrWhiteSpace(NextCursorPath)) Error("nextCursorPath", "is required in token mode.");
        if (CursorMode == CursorModes.UpdatedSince && string.IsNullOrWhiteSpace(Fields.UpdatedAt)) Error("fields.updatedAt", "is required in updatedSince mode.");
        if (string.IsNullOrWhiteSpace(Fields.Name)) Error("fields.name", "is required.");
        if (string.IsNullOrWhiteSpace(Fields.EmployeeNumber) && string.IsNullOrWhiteSpace(Fields.ExternalId))
            Error("fields.employeeNumber", "employeeNumber or externalId must be mapped.");
        foreach (var (field, path) in new[] { ("employeeNumber", Fields.EmployeeNumber), ("externalId", Fields.ExternalId), ("name", Fields.Name),
                     ("department", Fields.Department), ("position", Fields.Position), ("active", Fields.Active), ("updatedAt", Fields.UpdatedAt) })
            PathOk("fields." + field, path);
        if (Fields.DateFormat is { Length: > 0 } format && format is not (DateFormats.UnixSeconds or DateFormats.UnixMilliseconds))
        {
            try { _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture); }
            catch (FormatException) { Error("fields.dateFormat", "is not unix, unixMs or a valid date format."); }
        }
        return errors;
    }
}

public static class CursorModes
{
    public const string Token = "token";
    public const string UpdatedSince = "updatedSince";
}

public static class AuthKinds
{
    public const string None = "none";
    public const string Bearer = "bearer";
    public const string Header = "header";
}

public static class DateFormats
{
    public const string UnixSeconds = "unix";
    public const string UnixMilliseconds = "unixMs";
}

/// <summary>How the connector authenticates. The secret itself is not part of the stored definition (it is kept encrypted).</summary>
public sealed class ConnectorAuth
{
    public string Kind { get; set; } = AuthKinds.None;
    /// <summary>header auth: the header carrying the secret, e.g. <c>X-Api-Key</c>.</summary>
    public string? HeaderName { get; set; }
}

/// <summary>JSON paths (relative to one item) for Alliance's fields.</summary>
public sealed class FieldMapping
{
    public string? EmployeeNumber { get; set; }
    public string? ExternalId { get; set; }
    public string? Name { get; set; }
    public string? Department { get; set; }
    public string? Position { get; set; }
    /// <summary>The status path; unmapped means every listed employee is active.</summary>
    public string? Active { get; set; }
    /// <summary>Status values (as text) to active (true) or inactive (false), e.g. {"1": true, "2": false}. Unlisted values:
    /// "true"/"false" as themselves, anything else active.</summary>
    public Dictionary<string, bool>? ActiveValues { get; set; }
    public string? UpdatedAt { get; set; }
    /// <summary><c>unix</c> (seconds), <c>unixMs</c>, a .NET date format (e.g. <c>yyyy-MM-dd HH:mm:ss</c>, read as China time when it has no offset), or empty for ISO 8601.</summary>
    public string? DateFormat { get; set; }
}
