using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alliance.Gateway.Scim;

/// <summary>A parsed SCIM filter (RFC 7644 §3.4.2.2). Attribute paths are as written, without the schema URN.</summary>
public abstract record FilterNode;

/// <summary><c>attr op value</c> or <c>attr pr</c>; <see cref="Value"/> is null for pr and for the literal null.</summary>
public sealed record Comparison(string Attribute, string Operator, JsonValue? Value) : FilterNode;
public sealed record AndFilter(FilterNode Left, FilterNode Right) : FilterNode;
public sealed record OrFilter(FilterNode Left, FilterNode Right) : FilterNode;
public sealed record NotFilter(FilterNode Inner) : FilterNode;
/// <summary><c>emails[type eq "work"]</c>: the inner filter applies to each value of a multi-valued attribute.</summary>
public sealed record ValuePathFilter(string Attribute, FilterNode Inner) : FilterNode;

/// <summary>
/// The SCIM filter grammar, parsed by recursive descent with the precedence not &gt; and &gt; or. Pure: no I/O.
/// Every syntax error is a <see cref="ScimException"/> with scimType invalidFilter.
/// </summary>
public sealed class ScimFilterParser
{
    public const int MaxLength = 4000;
    public static readonly string[] Operators = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];

    readonly string _text;
    int _pos;
    int _depth;

    ScimFilterParser(string text) => _text = text;

    public static FilterNode Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Invalid("The filter is empty.");
        if (text.Length > MaxLength) throw Invalid($"The filter is longer than {MaxLength} characters.");
        var parser = new ScimFilterParser(text);
        var node = parser.ParseOr();
        parser.SkipSpaces();
        if (parser._pos < text.Length) throw Invalid($"Unexpected \"{text[parser._pos..]}\" at position {parser._pos + 1}.");
        return node;
    }

    /// <summary>Parses a PATCH path filter (the part between [ and ]).</summary>
    internal static FilterNode ParseValueFilter(string text) => Parse(text);

    FilterNode ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or")) left = new OrFilter(left, ParseAnd());
        return left;
    }

    FilterNode ParseAnd()
    {
        var left = ParseUnary();
        while (TryKeyword("and")) left = new AndFilter(left, ParseUnary());
        return left;
    }

    FilterNode ParseUnary()
    {
        if (++_depth > 50) throw Invalid("The filter is nested too deeply.");
        try
        {
            SkipSpaces();
            if (TryKeyword("not"))
            {
                SkipSpaces();
                Expect('(');
                var inner = ParseOr();
                Expect(')');
                return new NotFilter(inner);
            }
            if (Peek() == '(')
            {
                _pos++;
                var inner = ParseOr();
                Expect(')');
                return inner;
            }
            var attribute = ReadAttributePath();
            SkipSpaces();
            if (Peek() == '[')
            {
                _pos++;
                var inner = ParseOr();
                Expect(']');
                return new ValuePathFilter(attribute, inner);
            }
            var op = ReadWord().ToLowerInvariant();
            if (op == "pr") return new Comparison(attribute, "pr", null);
            if (!Operators.Contains(op)) throw Invalid(op.Length == 0 ? $"An operator is missing after \"{attribute}\"." : $"\"{op}\" is not a SCIM operator.");
            SkipSpaces();
            return new Comparison(attribute, op, ReadValue());
        }
        finally
        {
            _depth--;
        }
    }

    string ReadAttributePath()
    {
        SkipSpaces();
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-' or '.' or ':' or '$')) _pos++;
        if (_pos == start) throw Invalid($"An attribute name is expected at position {start + 1}.");
        return ScimPaths.WithoutSchema(_text[start.._pos]);
    }

    string ReadWord()
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsLetter(_text[_pos])) _pos++;
        return _text[start.._pos];
    }

    JsonValue? ReadValue()
    {
        if (Peek() == '"')
        {
            var start = _pos++;
            var escaped = false;
            while (_pos < _text.Length)
            {
                var c = _text[_pos++];
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"')
                {
                    try
                    {
                        return JsonValue.Create(JsonSerializer.Deserialize<string>(_text[start.._pos])!);
                    }
                    catch (JsonException)
                    {
                        throw Invalid($"The string {_text[start.._pos]} is not valid.");
                    }
                }
            }
            throw Invalid("A string is not closed.");
        }
        var begin = _pos;
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && _text[_pos] is not (')' or ']')) _pos++;
        var word = _text[begin.._pos];
        switch (word.ToLowerInvariant())
        {
            case "true": return JsonValue.Create(true);
            case "false": return JsonValue.Create(false);
            case "null": return null;
        }
        if (decimal.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
        throw Invalid(word.Length == 0 ? "A value is expected." : $"\"{word}\" is not a value; strings are quoted.");
    }

    bool TryKeyword(string keyword)
    {
        SkipSpaces();
        if (_pos + keyword.Length > _text.Length || string.Compare(_text, _pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
        var end = _pos + keyword.Length;
        if (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '.')) return false;
        // "not" must be followed by "(", the others by a space.
        if (keyword == "not" ? !_text[end..].TrimStart().StartsWith('(') : end >= _text.Length || !char.IsWhiteSpace(_text[end])) return false;
        _pos = end;
        return true;
    }

    void Expect(char c)
    {
        SkipSpaces();
        if (Peek() != c) throw Invalid(_pos < _text.Length ? $"\"{c}\" expected at position {_pos + 1}." : $"\"{c}\" expected at the end.");
        _pos++;
    }

    char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    static ScimException Invalid(string detail) => ScimException.BadRequest(ScimType.InvalidFilter, detail);
}

/// <summary>Evaluates a filter against one JSON object (a resource, or a value of a multi-valued attribute) in memory.</summary>
public static class ScimFilterEvaluator
{
    public static bool Matches(FilterNode filter, JsonNode? node) => filter switch
    {
        AndFilter a => Matches(a.Left, node) && Matches(a.Right, node),
        OrFilter o => Matches(o.Left, node) || Matches(o.Right, node),
        NotFilter n => !Matches(n.Inner, node),
        ValuePathFilter v => Values(node, v.Attribute).Any(item => Matches(v.Inner, item)),
        Comparison c => Compare(c, node),
        _ => false,
    };

    static bool Compare(Comparison c, JsonNode? node)
    {
        var values = Values(node, c.Attribute).Where(v => v is not null).ToList();
        // A multi-valued attribute compared directly (emails eq "x") compares each value's "value".
        values = values.Select(v => v is JsonObject o && ScimPaths.Get(o, "value") is { } inner ? inner : v).ToList();
        if (c.Operator == "pr") return values.Any(v => v is not JsonValue s || s.GetValueKind() != JsonValueKind.String || s.GetValue<string>().Length > 0);
        if (c.Value is null) return c.Operator == "eq" ? values.Count == 0 : c.Operator == "ne" && values.Count > 0;
        if (c.Operator == "ne") return !values.Any(v => Test("eq", v, c.Value));
        return values.Any(v => Test(c.Operator, v, c.Value));
    }

    static bool Test(string op, JsonNode? actual, JsonValue expected)
    {
        if (actual is not JsonValue value) return false;
        switch (expected.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetValueKind() is JsonValueKind.True or JsonValueKind.False && op == "eq" && value.GetValue<bool>() == expected.GetValue<bool>();
            case JsonValueKind.Number:
                if (value.GetValueKind() != JsonValueKind.Number) return false;
                var cmp = value.GetValue<decimal>().CompareTo(expected.GetValue<decimal>());
                return Relational(op, cmp);
        }
        if (value.GetValueKind() != JsonValueKind.String) return false;
        var a = value.GetValue<string>();
        var b = expected.GetValue<string>();
        return op switch
        {
            "eq" => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
            "co" => a.Contains(b, StringComparison.OrdinalIgnoreCase),
            "sw" => a.StartsWith(b, StringComparison.OrdinalIgnoreCase),
            "ew" => a.EndsWith(b, StringComparison.OrdinalIgnoreCase),
            _ => DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var da)
                 && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var db)
                ? Relational(op, da.CompareTo(db))
                : Relational(op, string.Compare(a, b, StringComparison.OrdinalIgnoreCase)),
        };
    }

    static bool Relational(string op, int cmp) => op switch
    {
        "eq" => cmp == 0,
        "gt" => cmp > 0,
        "ge" => cmp >= 0,
        "lt" => cmp < 0,
        "le" => cmp <= 0,
        _ => false,
    };

    /// <summary>The values at a dotted path; arrays on the way are flattened.</summary>
    static IEnumerable<JsonNode?> Values(JsonNode? node, string path)
    {
        IEnumerable<JsonNode?> current = new[] { node };
        foreach (var segment in path.Split('.'))
            current = current.SelectMany(n => n switch
            {
                JsonObject o => Flatten(ScimPaths.Get(o, segment)),
                JsonArray a => a.SelectMany(i => i is JsonObject io ? Flatten(ScimPaths.Get(io, segment)) : Array.Empty<JsonNode?>()),
                _ => Array.Empty<JsonNode?>(),
            });
        return current;
    }

    static IEnumerable<JsonNode?> Flatten(JsonNode? node) => node switch
    {
        JsonArray a => a,
        null => Array.Empty<JsonNode?>(),
        _ => new[] { node },
    };
}

/// <summary>Schema URNs in attribute paths, and case-insensitive attribute lookup in JSON objects.</summary>
public static class ScimPaths
{
    public const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string CoreGroup = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    static readonly string[] CoreSchemas = [CoreUser, CoreGroup];

    /// <summary>Strips a core schema URN ("urn:…:core:2.0:User:userName" → "userName"); the enterprise URN stays.</summary>
    public static string WithoutSchema(string path)
    {
        foreach (var urn in CoreSchemas)
            if (path.Length > urn.Length && path.StartsWith(urn + ":", StringComparison.OrdinalIgnoreCase)) return path[(urn.Length + 1)..];
        return path;
    }

    /// <summary>The attribute of an object by name, ignoring case (SCIM attribute names are case-insensitive).</summary>
    public static JsonNode? Get(JsonObject o, string name) => Key(o, name) is { } key ? o[key] : null;

    public static string? Key(JsonObject o, string name)
    {
        foreach (var (key, _) in o) if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return key;
        return null;
    }

    public static void Set(JsonObject o, string name, JsonNode? value)
    {
        var key = Key(o, name);
        if (key is not null && key != name) o.Remove(key);
        o[key ?? name] = value;
    }

    public static bool Remove(JsonObject o, string name) => Key(o, name) is { } key && o.Remove(key);
}

/// <summary>A filter made into the service's tree: attribute paths lower-cased and the enterprise URN dropped.</summary>
public static class ScimFilterContract
{
    public static Alliance.Contracts.Organization.V1.ScimFilter ToContract(FilterNode node)
    {
        var result = new Alliance.Contracts.Organization.V1.ScimFilter();
        switch (node)
        {
            case AndFilter a:
                result.And = new() { Items = { ToContract(a.Left), ToContract(a.Right) } };
                break;
            case OrFilter o:
                result.Or = new() { Items = { ToContract(o.Left), ToContract(o.Right) } };
                break;
            case NotFilter n:
                result.Not = ToContract(n.Inner);
                break;
            case ValuePathFilter v:
                result.ValuePath = new() { Attribute = Normalize(v.Attribute), Filter = ToContract(v.Inner) };
                break;
            case Comparison c:
                var attribute = Normalize(c.Attribute);
                if (c.Value is null && c.Operator is "eq" or "ne")
                {
                    // attr eq null: not present; attr ne null: present.
                    var present = new Alliance.Contracts.Organization.V1.ScimFilter { Compare = new() { Attribute = attribute, Operator = "pr" } };
                    return c.Operator == "ne" ? present : new Alliance.Contracts.Organization.V1.ScimFilter { Not = present };
                }
                var compare = new Alliance.Contracts.Organization.V1.ScimComparison { Attribute = attribute, Operator = c.Operator };
                if (c.Value is { } value)
                    compare.Value = value.GetValueKind() switch
                    {
                        JsonValueKind.String => value.GetValue<string>(),
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => value.ToJsonString(),
                    };
                result.Compare = compare;
                break;
        }
        return result;
    }

    static string Normalize(string attribute)
    {
        var path = attribute;
        if (path.StartsWith(ScimPaths.EnterpriseUser + ":", StringComparison.OrdinalIgnoreCase)) path = path[(ScimPaths.EnterpriseUser.Length + 1)..];
        path = path.ToLowerInvariant();
        return path == "manager" ? "manager.value" : path;
    }
}
