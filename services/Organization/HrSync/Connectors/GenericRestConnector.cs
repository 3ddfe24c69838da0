using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Alliance.Organization.HrSync.Connectors;

/// <summary>
/// The one connector for REST/JSON HR APIs (WeCom, DingTalk, Feishu, SuccessFactors, Beisen style): a GET of the list
/// path with the cursor and page size as query parameters, the answer read through the <see cref="ConnectorDefinition"/>'s paths.
/// </summary>
public sealed class GenericRestConnector(string name, ConnectorDefinition definition, string? secret, HttpClient http) : IHrConnector
{
    /// <summary>Times without an offset are China Standard Time (the group's calendar).</summary>
    static readonly TimeSpan GroupOffset = TimeSpan.FromHours(8);

    public string Name => name;

    public async Task<HrPullPage> PullAsync(string? cursor, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RequestUri(cursor));
        switch (definition.Auth.Kind)
        {
            case AuthKinds.Bearer: request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret ?? ""); break;
            case AuthKinds.Header: request.Headers.TryAddWithoutValidation(definition.Auth.HeaderName!, secret ?? ""); break;
        }
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new HrConnectorException($"{(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}");
        JsonNode? root;
        try { root = JsonNode.Parse(body); }
        catch (System.Text.Json.JsonException e) { throw new HrConnectorException("The answer is not JSON: " + e.Message); }
        return ReadPage(definition, root, cursor);
    }

    public Uri RequestUri(string? cursor)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(cursor)) query.Add($"{Uri.EscapeDataString(definition.CursorParameter)}={Uri.EscapeDataString(cursor)}");
        if (!string.IsNullOrWhiteSpace(definition.PageSizeParameter))
            query.Add($"{Uri.EscapeDataString(definition.PageSizeParameter)}={definition.PageSize.ToString(CultureInfo.InvariantCulture)}");
        var path = definition.ListPath;
        if (query.Count > 0) path += (path.Contains('?') ? "&" : "?") + string.Join("&", query);
        return new Uri(definition.BaseUrl.TrimEnd('/') + path);
    }

    /// <summary>One answer to a page: the records, the next cursor and whether to go on now.</summary>
    public static HrPullPage ReadPage(ConnectorDefinition definition, JsonNode? root, string? cursor)
    {
        if (JsonPath.Select(root, definition.ItemsPath) is not JsonArray items)
        {
            // An empty list is often sent as a missing or null array.
            if (JsonPath.Select(root, definition.ItemsPath) is null) items = [];
            else throw new HrConnectorException($"'{definition.ItemsPath}' is not an array.");
        }
        var records = items.Select((item, i) => ReadRecord(definition.Fields, item, i)).ToList();
        if (definition.CursorMode == CursorModes.UpdatedSince)
        {
            var latest = records.Max(r => r.HrUpdatedAt);
            var next = latest is { } at ? FormatTime(at, definition.Fields.DateFormat) : cursor;
            var more = HasMore(definition, root) ?? records.Count >= definition.PageSize;
            // A full page of one change time would ask for the same page again: stop, the next run continues from there.
            if (next == cursor) more = false;
            return new HrPullPage(records, next, more);
        }
        var token = JsonPath.Text(root, definition.NextCursorPath);
        if (string.IsNullOrEmpty(token)) token = null;
        var hasMore = (HasMore(definition, root) ?? token is not null) && token is not null && token != cursor;
        return new HrPullPage(records, token, hasMore);
    }

    static bool? HasMore(ConnectorDefinition definition, JsonNode? root) =>
        string.IsNullOrWhiteSpace(definition.HasMorePath) ? null
        : JsonPath.Text(root, definition.HasMorePath) is { } text ? text is "true" or "1" : false;

    public static HrEmployeeRecord ReadRecord(FieldMapping fields, JsonNode? item, int index)
    {
        string? Text(string? path) => string.IsNullOrWhiteSpace(path) ? null : Blank(JsonPath.Text(item, path));
        var employeeNumber = Text(fields.EmployeeNumber);
        var externalId = Text(fields.ExternalId);
        if (employeeNumber is null && externalId is null)
            throw new HrConnectorException($"Item {index} has neither an employee number nor an external id.");
        var name = Text(fields.Name) ?? throw new HrConnectorException($"Item {index} ({employeeNumber ?? externalId}) has no name.");
        var active = true;
        if (Text(fields.Active) is { } status)
            active = fields.ActiveValues is not null && fields.ActiveValues.TryGetValue(status, out var mapped) ? mapped
                : !status.Equals("false", StringComparison.OrdinalIgnoreCase);
        DateTimeOffset? updatedAt = null;
        if (Text(fields.UpdatedAt) is { } time)
            updatedAt = ParseTime(time, fields.DateFormat) ?? throw new HrConnectorException($"Item {index}: '{time}' is not a time in the format '{fields.DateFormat ?? "ISO 8601"}'.");
        return new HrEmployeeRecord(employeeNumber, externalId, name, Text(fields.Department), Text(fields.Position), active, updatedAt);
    }

    public static DateTimeOffset? ParseTime(string text, string? format)
    {
        switch (format)
        {
            case DateFormats.UnixSeconds:
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
            case DateFormats.UnixMilliseconds:
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
            case null or "":
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso) ? iso : null;
            default:
                if (DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && format.Contains('z'))
                    return withOffset;
                return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                    ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), GroupOffset) : null;
        }
    }

    public static string FormatTime(DateTimeOffset at, string? format) => format switch
    {
        DateFormats.UnixSeconds => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        DateFormats.UnixMilliseconds => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        null or "" => at.ToString("O", CultureInfo.InvariantCulture),
        _ => at.ToOffset(format.Contains('z') ? at.Offset : GroupOffset).ToString(format, CultureInfo.InvariantCulture),
    };

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}

/// <summary>The HR system answered something the connector cannot use; the run is recorded failed with this message.</summary>
public sealed class HrConnectorException(string message) : Exception(message);
