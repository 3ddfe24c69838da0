using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Alliance.ServiceDefaults.Validation;

/// <summary>
/// Control characters in text a client sends are refused, all but tab, carriage return and line feed: PostgreSQL
/// refuses a NUL in text (so it would fail as a 500), and none of them belong in a name. Pure and transport-agnostic:
/// the gateway checks what arrives over HTTP with it, the gRPC server every request message.
/// </summary>
public static class ControlCharacters
{
    public const string Message = "must not contain control characters (only tab, carriage return and line feed are allowed).";

    static readonly SearchValues<char> Refused = SearchValues.Create(RefusedCharacters());

    /// <summary>C0 controls but tab, CR and LF; DEL; C1 controls (what <see cref="char.IsControl(char)"/> calls control).</summary>
    static string RefusedCharacters()
    {
        var refused = new StringBuilder();
        for (var c = '\0'; c <= '\u009f'; c++)
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n')) refused.Append(c);
        return refused.ToString();
    }

    public static bool AreIn(ReadOnlySpan<char> text) => text.ContainsAny(Refused);

    /// <summary>A key or name that holds control characters, made printable for a field path (<c>\u0000</c>).</summary>
    public static string Printable(string text)
    {
        if (!AreIn(text)) return text;
        var printable = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            printable.Append(Refused.Contains(c) ? $"\\u{(int)c:x4}" : c);
        return printable.ToString();
    }

    /// <summary>
    /// The path of the first string field of a protobuf message that holds a control character (camelCase as in the
    /// message's JSON form: <c>filter.search</c>, <c>records[3].name</c>, <c>labels[key]</c>), or null when there is none.
    /// Nested messages, repeated fields, map keys and values and set oneof members are walked; bytes are not text.
    /// </summary>
    /// <remarks>
    /// CLR reflection over the generated classes' properties, planned once per type: never the protobuf descriptors,
    /// which would build a reflection accessor for every field of every message of the .proto file (about 11 MB resident).
    /// </remarks>
    public static string? FirstRefusedField(IMessage message)
    {
        foreach (var field in PlanOf(message.GetType()))
        {
            var value = field.Read(message);
            if (value is null) continue;
            if (FirstRefusedIn(field.Shape, value) is { } inner) return field.Name + inner;
        }
        return null;
    }

    /// <summary>The path below a field's value (<c>""</c> for the value itself, <c>.search</c>, <c>[2]</c>), or null.</summary>
    static string? FirstRefusedIn(FieldShape shape, object value)
    {
        switch (shape)
        {
            case FieldShape.Text:
                return AreIn((string)value) ? "" : null;
            case FieldShape.Message:
                return FirstRefusedField((IMessage)value) is { } path ? "." + path : null;
            case FieldShape.Repeated:
                var index = 0;
                foreach (var item in (IEnumerable)value)
                {
                    if (Item(item) is { } inner) return $"[{index.ToString(CultureInfo.InvariantCulture)}]{inner}";
                    index++;
                }
                return null;
            case FieldShape.Map:
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    var key = entry.Key as string ?? Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                    if (AreIn(key)) return $"[{Printable(key)}]";
                    if (entry.Value is not null && Item(entry.Value) is { } inner) return $"[{key}]{inner}";
                }
                return null;
            default:
                return null;
        }

        static string? Item(object item) => item switch
        {
            string text => AreIn(text) ? "" : null,
            IMessage message => FirstRefusedField(message) is { } path ? "." + path : null,
            _ => null,
        };
    }

    /// <summary>
    /// The path of the first property name or string value of a JSON document that holds a control character
    /// (<c>agreement.title</c>, <c>members[0].name</c>; <c>""</c> for the document itself), or null. JSON escapes
    /// (<c>\u0000</c>) count as the characters they stand for.
    /// </summary>
    public static string? FirstRefusedField(JsonElement element) =>
        FirstRefusedBelow(element) is { } path ? (path.StartsWith('.') ? path[1..] : path) : null;

    static string? FirstRefusedBelow(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return AreIn(element.GetString()) ? "" : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (AreIn(property.Name)) return "." + Printable(property.Name);
                    if (FirstRefusedBelow(property.Value) is { } inner) return "." + property.Name + inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstRefusedBelow(item) is { } inner) return $"[{index.ToString(CultureInfo.InvariantCulture)}]{inner}";
                    index++;
                }
                return null;
            default:
                return null;
        }
    }

    enum FieldShape { Text, Message, Repeated, Map }

    /// <summary>A field's JSON name, its getter compiled once (reflection's GetValue on every call cost a gRPC call about 6% of
    /// its throughput) and what it holds.</summary>
    sealed record FieldPlan(string Name, Func<object, object?> Read, FieldShape Shape);

    static readonly ConcurrentDictionary<Type, FieldPlan[]> Plans = new();

    /// <summary>The properties of a generated message class that can hold text: one per field (oneof members included).</summary>
    static FieldPlan[] PlanOf(Type type) => Plans.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .Select(p => ShapeOf(p.PropertyType) is { } shape ? new FieldPlan(JsonName(p.Name), Getter(t, p), shape) : null)
            .OfType<FieldPlan>()
            .ToArray());

    static Func<object, object?> Getter(Type type, PropertyInfo property)
    {
        var message = Expression.Parameter(typeof(object), "message");
        var read = Expression.Property(Expression.Convert(message, type), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), message).Compile();
    }

    static FieldShape? ShapeOf(Type type)
    {
        if (type == typeof(string)) return FieldShape.Text;
        if (typeof(IMessage).IsAssignableFrom(type)) return FieldShape.Message;
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (definition == typeof(RepeatedField<>)) return CanHoldText(arguments[0]) ? FieldShape.Repeated : null;
        if (definition == typeof(MapField<,>)) return CanHoldText(arguments[0]) || CanHoldText(arguments[1]) ? FieldShape.Map : null;
        return null;

        static bool CanHoldText(Type item) => item == typeof(string) || typeof(IMessage).IsAssignableFrom(item);
    }

    /// <summary>protoc's C# property name back to the field's JSON name: <c>SubsidiaryId</c> → <c>subsidiaryId</c>
    /// (a trailing <c>_</c>, added where the name clashes with its class, dropped).</summary>
    static string JsonName(string propertyName)
    {
        var name = propertyName.TrimEnd('_');
        return name.Length == 0 ? propertyName : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
