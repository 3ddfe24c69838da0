using Alliance.ServiceDefaults.Validation;
using System.Text;

namespace Alliance.Organization.Import;

/// <summary>One data row of an organization-tree CSV, as written in the file (trimmed), with the line it starts on.</summary>
public sealed record TreeImportRow(int Line, string Code, string Name, string Kind, string ParentCode, string ParentId, string ParentPath);

/// <summary>The file as a whole cannot be read (empty, too big, not CSV text, header columns missing); nothing is planned.</summary>
public sealed class TreeImportFileException(string message) : Exception(message);

/// <summary>
/// Reads the organization-tree CSV: a header row naming the columns (any order; English or Chinese names), then one
/// row per organization. UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030 (what Excel saves on a Chinese
/// Windows). Quoted fields may hold commas, quotes ("") and line breaks (RFC 4180); the separator is a comma, or a
/// semicolon or tab when the header uses one instead.
/// </summary>
public static class OrganizationTreeCsv
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 10_000;

    public const string CodeColumn = "code";
    public const string NameColumn = "name";
    public const string KindColumn = "kind";
    public const string ParentCodeColumn = "parentCode";
    public const string ParentIdColumn = "parentId";
    public const string ParentPathColumn = "parentPath";

    /// <summary>Header names accepted for each column, compared without case, spaces, '-' and '_'.</summary>
    static readonly Dictionary<string, string> HeaderNames = new(StringComparer.Ordinal)
    {
        ["code"] = CodeColumn, ["编码"] = CodeColumn, ["代码"] = CodeColumn,
        ["name"] = NameColumn, ["名称"] = NameColumn,
        ["kind"] = KindColumn, ["type"] = KindColumn, ["类型"] = KindColumn, ["类别"] = KindColumn,
        ["parentcode"] = ParentCodeColumn, ["上级编码"] = ParentCodeColumn, ["上级代码"] = ParentCodeColumn,
        ["parentid"] = ParentIdColumn, ["上级id"] = ParentIdColumn,
        ["parentpath"] = ParentPathColumn, ["上级路径"] = ParentPathColumn,
    };

    static readonly string[] RequiredColumns = [CodeColumn, NameColumn, KindColumn];

    /// <summary>The file a user starts from: the header and a small example tree.</summary>
    public const string Template = Alliance.Contracts.Imports.OrganizationTreeTemplate.Csv;

    static OrganizationTreeCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <exception cref="TreeImportFileException">when the file cannot be read as an organization tree.</exception>
    public static IReadOnlyList<TreeImportRow> Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) throw new TreeImportFileException("The file is empty.");
        if (bytes.Length > MaxBytes) throw new TreeImportFileException($"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
        var text = Decode(bytes);
        if (text.Contains('\0')) throw new TreeImportFileException("The file is not a CSV text file.");

        var records = Records(text);
        var headerIndex = records.FindIndex(r => r.Fields.Any(f => f.Trim().Length > 0));
        if (headerIndex < 0) throw new TreeImportFileException("The file is empty.");
        var columns = Columns(records[headerIndex].Fields);
        var rows = new List<TreeImportRow>();
        foreach (var (line, fields) in records.Skip(headerIndex + 1))
        {
            if (fields.All(f => f.Trim().Length == 0)) continue;
            if (rows.Count == MaxRows) throw new TreeImportFileException($"The file has more than {MaxRows} rows.");
            if (fields.Any(f => ControlCharacters.AreIn(f)))
                throw new TreeImportFileException($"Line {line}: a cell {ControlCharacters.Message}");
            string Field(string column) => columns.TryGetValue(column, out var i) && i < fields.Count ? fields[i].Trim() : "";
            rows.Add(new TreeImportRow(line, Field(CodeColumn), Field(NameColumn), Field(KindColumn),
                Field(ParentCodeColumn), Field(ParentIdColumn), Field(ParentPathColumn)));
        }
        if (rows.Count == 0) throw new TreeImportFileException("The file has no rows below the header.");
        return rows;
    }

    /// <summary>UTF-8 (with or without BOM), UTF-16 with BOM, else GBK/GB18030; shared with the HR file import.</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Strict(new UTF8Encoding(false, true), bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Strict(new UnicodeEncoding(false, false, true), bytes[2..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Strict(new UnicodeEncoding(true, false, true), bytes[2..]);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Excel on a Chinese Windows saves "CSV" in GBK, which GB18030 contains.
            return Strict(Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), bytes);
        }
    }

    static string Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new TreeImportFileException("The file is not a CSV text file (its text encoding is neither UTF-8 nor GBK).");
        }
    }

    static Dictionary<string, int> Columns(List<string> header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var key = new string(header[i].Trim().ToLowerInvariant().Where(c => c is not (' ' or '-' or '_')).ToArray());
            if (!HeaderNames.TryGetValue(key, out var column)) continue;  // extra columns (notes, ...) are ignored
            if (!columns.TryAdd(column, i)) throw new TreeImportFileException($"The header names the column {column} twice.");
        }
        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new TreeImportFileException($"The header row lacks the column(s) {string.Join(", ", missing)}; it must name code, name and kind (parentCode, parentPath and parentId are optional).");
        return columns;
    }

    /// <summary>RFC 4180 records with the line each starts on.</summary>
    internal static List<(int Line, List<string> Fields)> Records(string text) => EnumerateRecords(text).ToList();

    /// <summary>The records one at a time, so a reader of a large file need not hold all of them at once; an unclosed
    /// quote throws when the enumeration reaches the end.</summary>
    internal static IEnumerable<(int Line, List<string> Fields)> EnumerateRecords(string text)
    {
        var separator = Separator(text);
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var quoteLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && field.ToString().Trim().Length == 0) { field.Clear(); quoted = true; quoteLine = line; }
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                yield return (recordLine, fields);
                fields = [];
                line++;
                recordLine = line;
            }
            else field.Append(c);
        }
        if (quoted) throw new TreeImportFileException($"Line {quoteLine}: a quoted field is not closed.");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }

    static char Separator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var first = end < 0 ? text : text[..end];
        return first.Contains(',') ? ',' : first.Contains(';') ? ';' : first.Contains('\t') ? '\t' : ',';
    }
}
