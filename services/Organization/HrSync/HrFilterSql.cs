using System.Globalization;
using System.Text;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Validation;
using Npgsql;
using NpgsqlTypes;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync;

/// <summary>
/// Turns a SCIM filter tree into a parameterised SQL condition over the indexed columns of hr_users or hr_groups.
/// An attribute or operator it does not know is an InvalidArgument on the field "filter".
/// </summary>
public sealed class HrFilterSql
{
    enum Kind { Text, CaseInsensitiveText, TextArray, Time, Boolean, Id, GroupMembers }

    sealed record Column(string Sql, Kind Kind);

    static readonly Dictionary<string, Column> UserColumns = new()
    {
        ["id"] = new("id", Kind.Id),
        ["username"] = new("user_name_key", Kind.CaseInsensitiveText),
        ["externalid"] = new("external_id", Kind.Text),
        ["displayname"] = new("display_name", Kind.CaseInsensitiveText),
        ["emails.value"] = new("email_values", Kind.TextArray),
        ["emails"] = new("email_values", Kind.TextArray),
        ["employeenumber"] = new("employee_number", Kind.Text),
        ["name.familyname"] = new("family_name", Kind.CaseInsensitiveText),
        ["name.givenname"] = new("given_name", Kind.CaseInsensitiveText),
        ["title"] = new("title", Kind.CaseInsensitiveText),
        ["department"] = new("department", Kind.CaseInsensitiveText),
        ["organization"] = new("organization", Kind.CaseInsensitiveText),
        ["active"] = new("active", Kind.Boolean),
        ["meta.lastmodified"] = new("last_modified", Kind.Time),
        ["meta.created"] = new("created_at", Kind.Time),
    };

    static readonly Dictionary<string, Column> GroupColumns = new()
    {
        ["id"] = new("id", Kind.Id),
        ["displayname"] = new("display_name", Kind.CaseInsensitiveText),
        ["externalid"] = new("external_id", Kind.Text),
        ["members.value"] = new("id", Kind.GroupMembers),
        ["members"] = new("id", Kind.GroupMembers),
        ["meta.lastmodified"] = new("last_modified", Kind.Time),
        ["meta.created"] = new("created_at", Kind.Time),
    };

    /// <summary>Value paths: the multi-valued attribute, the rows of one value, and the columns of its sub-attributes.</summary>
    sealed record ValuePath(string From, Dictionary<string, Column> Columns);

    // Emails are stored as jsonb [{"Value","Type","Primary"}] (HrEmailAddress serialized).
    static readonly Dictionary<string, ValuePath> UserValuePaths = new()
    {
        ["emails"] = new("jsonb_array_elements(emails) AS e", new()
        {
            ["value"] = new("e->>'Value'", Kind.CaseInsensitiveText),
            ["type"] = new("e->>'Type'", Kind.CaseInsensitiveText),
            ["primary"] = new("(e->>'Primary')::boolean", Kind.Boolean),
        }),
    };

    static readonly Dictionary<string, ValuePath> GroupValuePaths = new()
    {
        ["members"] = new("hr_group_members AS m", new()
        {
            ["value"] = new("m.member_id::text", Kind.CaseInsensitiveText),
            ["type"] = new("m.member_type", Kind.CaseInsensitiveText),
        }),
    };

    Dictionary<string, Column> _columns;
    readonly Dictionary<string, ValuePath> _valuePaths;
    bool _inValuePath;
    readonly List<NpgsqlParameter> _parameters = [];

    HrFilterSql(Dictionary<string, Column> columns, Dictionary<string, ValuePath> valuePaths) => (_columns, _valuePaths) = (columns, valuePaths);

    public static (string Sql, IReadOnlyList<NpgsqlParameter> Parameters) ForUsers(C.ScimFilter filter) => Translate(UserColumns, UserValuePaths, filter);
    public static (string Sql, IReadOnlyList<NpgsqlParameter> Parameters) ForGroups(C.ScimFilter filter) => Translate(GroupColumns, GroupValuePaths, filter);

    static (string, IReadOnlyList<NpgsqlParameter>) Translate(Dictionary<string, Column> columns, Dictionary<string, ValuePath> valuePaths, C.ScimFilter filter)
    {
        var translator = new HrFilterSql(columns, valuePaths);
        var sql = translator.Node(filter, 0);
        return (sql, translator._parameters);
    }

    string Node(C.ScimFilter filter, int depth)
    {
        if (depth > 50) throw Invalid("The filter is nested too deeply.");
        return filter.NodeCase switch
        {
            C.ScimFilter.NodeOneofCase.Compare => Compare(filter.Compare),
            C.ScimFilter.NodeOneofCase.And when filter.And.Items.Count > 0 => "(" + string.Join(" AND ", filter.And.Items.Select(f => Node(f, depth + 1))) + ")",
            C.ScimFilter.NodeOneofCase.Or when filter.Or.Items.Count > 0 => "(" + string.Join(" OR ", filter.Or.Items.Select(f => Node(f, depth + 1))) + ")",
            C.ScimFilter.NodeOneofCase.Not => "(NOT COALESCE(" + Node(filter.Not, depth + 1) + ", false))",
            C.ScimFilter.NodeOneofCase.ValuePath => ValuePathCondition(filter.ValuePath, depth),
            _ => throw Invalid("The filter is empty."),
        };
    }

    string ValuePathCondition(C.ScimValuePath path, int depth)
    {
        if (_inValuePath) throw Invalid("Value filters cannot be nested.");
        if (!_valuePaths.TryGetValue(path.Attribute.ToLowerInvariant(), out var valuePath) || path.Filter is null)
            throw Invalid($"Filtering on values of \"{path.Attribute}\" is not supported.");
        var outer = _columns;
        (_columns, _inValuePath) = (valuePath.Columns, true);
        try
        {
            var where = Node(path.Filter, depth + 1);
            var join = valuePath.From.StartsWith("hr_group_members", StringComparison.Ordinal) ? " WHERE m.group_id = id AND " : " WHERE ";
            return $"EXISTS (SELECT 1 FROM {valuePath.From}{join}{where})";
        }
        finally
        {
            (_columns, _inValuePath) = (outer, false);
        }
    }

    string Compare(C.ScimComparison c)
    {
        var attribute = c.Attribute.ToLowerInvariant();
        if (!_columns.TryGetValue(attribute, out var column)) throw Invalid($"Filtering on \"{c.Attribute}\" is not supported.");
        var op = c.Operator.ToLowerInvariant();
        if (op == "pr") return column.Kind switch
        {
            Kind.TextArray => $"(cardinality({column.Sql}) > 0)",
            Kind.GroupMembers => $"EXISTS (SELECT 1 FROM hr_group_members m WHERE m.group_id = {column.Sql})",
            _ => $"({column.Sql} IS NOT NULL)",
        };
        if (!c.HasValue) throw Invalid($"The operator {op} needs a value.");
        var value = c.Value;
        switch (column.Kind)
        {
            case Kind.Boolean:
                if (!bool.TryParse(value, out var flag)) throw Invalid($"\"{c.Attribute}\" is compared with true or false.");
                return op switch
                {
                    "eq" => $"({column.Sql} = {Add(flag, NpgsqlDbType.Boolean)})",
                    "ne" => $"({column.Sql} <> {Add(flag, NpgsqlDbType.Boolean)})",
                    _ => throw Invalid($"The operator {op} does not apply to a boolean."),
                };
            case Kind.Time:
                if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    throw Invalid($"\"{value}\" is not a date and time (ISO 8601).");
                var t = Add(time.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                return $"({column.Sql} {Relational(op, "a date")} {t})";
            case Kind.Id:
                if (!Guid.TryParse(value, out var id)) return op == "ne" ? "TRUE" : op == "eq" ? "FALSE" : throw Invalid($"The operator {op} does not apply to id.");
                return op switch
                {
                    "eq" => $"({column.Sql} = {Add(id, NpgsqlDbType.Uuid)})",
                    "ne" => $"({column.Sql} <> {Add(id, NpgsqlDbType.Uuid)})",
                    _ => throw Invalid($"The operator {op} does not apply to id."),
                };
            case Kind.GroupMembers:
                if (!Guid.TryParse(value, out var member)) return op == "eq" ? "FALSE" : throw Invalid($"The operator {op} does not apply to members.");
                var exists = $"EXISTS (SELECT 1 FROM hr_group_members m WHERE m.group_id = {column.Sql} AND m.member_id = {Add(member, NpgsqlDbType.Uuid)})";
                return op switch { "eq" => exists, "ne" => $"(NOT {exists})", _ => throw Invalid($"The operator {op} does not apply to members.") };
            case Kind.TextArray:
            {
                var lower = value.ToLowerInvariant();
                return op switch
                {
                    "eq" => $"({column.Sql} @> ARRAY[{Add(lower, NpgsqlDbType.Text)}]::text[])",
                    "ne" => $"(NOT ({column.Sql} @> ARRAY[{Add(lower, NpgsqlDbType.Text)}]::text[]))",
                    _ => $"EXISTS (SELECT 1 FROM unnest({column.Sql}) AS v WHERE {TextCondition("v", op, lower)})",
                };
            }
            case Kind.CaseInsensitiveText:
                return "(" + TextCondition(column.Sql == "user_name_key" ? column.Sql : $"lower({column.Sql})", op, value.ToLowerInvariant()) + ")";
            default:
                return "(" + TextCondition(column.Sql, op, value) + ")";
        }
    }

    string TextCondition(string sql, string op, string value) => op switch
    {
        "eq" => $"{sql} = {Add(value, NpgsqlDbType.Text)}",
        "ne" => $"{sql} IS DISTINCT FROM {Add(value, NpgsqlDbType.Text)}",
        "co" => $"{sql} LIKE {Add("%" + Escape(value) + "%", NpgsqlDbType.Text)}",
        "sw" => $"{sql} LIKE {Add(Escape(value) + "%", NpgsqlDbType.Text)}",
        "ew" => $"{sql} LIKE {Add("%" + Escape(value), NpgsqlDbType.Text)}",
        _ => $"{sql} COLLATE \"C\" {Relational(op, "text")} {Add(value, NpgsqlDbType.Text)}",
    };

    static string Relational(string op, string what) => op switch
    {
        "eq" => "=",
        "ne" => "<>",
        "gt" => ">",
        "ge" => ">=",
        "lt" => "<",
        "le" => "<=",
        _ => throw Invalid($"The operator {op} does not apply to {what}."),
    };

    static string Escape(string value) => new StringBuilder(value).Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").ToString();

    string Add(object value, NpgsqlDbType type)
    {
        var name = $"f{_parameters.Count}";
        _parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }

    static RpcException Invalid(string message) => FieldErrors.Single("filter", message);
}
