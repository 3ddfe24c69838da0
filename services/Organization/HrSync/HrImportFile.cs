using Alliance.ServiceDefaults.Validation;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Alliance.Organization.Import;

namespace Alliance.Organization.HrSync;

public sealed class HrImportFileException(string message) : Exception(message);

/// <summary>
/// One data row of an HR file: its line (CSV) or row number (XLSX) and its fields, read by column name through the
/// file's one column map (a file of 300,000 rows keeps no dictionary per row).
/// </summary>
public sealed record HrImportRow(int RowNumber, IReadOnlyDictionary<string, int> Columns, string?[] Fields)
{
    /// <summary>The cell trimmed, or null when blank or absent.</summary>
    public string? this[string column] => Columns.TryGetValue(column, out var i) ? Fields[i] is { Length: > 0 } v ? v : null : null;
    /// <summary>The row has the column (a short row lacks its last cells).</summary>
    public bool Has(string column) => Columns.TryGetValue(column, out var i) && Fields[i] is not null;
}

public enum HrImportKind { Employees = 1, Departments = 2 }

/// <summary>
/// HR exports as files: CSV (UTF-8 with or without BOM, GBK/GB18030; the organization tree import's decoder and
/// RFC 4180 reader) or XLSX (the first sheet, shared and inline strings; read with System.IO.Compression and XmlReader,
/// no package). Headers in English or Chinese; employees or departments, named or detected from the headers.
/// </summary>
public static class HrImportFile
{
    public const int MaxBytes = 64 * 1024 * 1024;
    public const int MaxRows = 500_000;

    /// <summary>Distinct repeated cell values kept once per file (beyond it, a value is shared only if already kept).</summary>
    const int MaxPooledValues = 100_000;

    public const string EmployeeNumber = "employeeNumber", ExternalId = "externalId", Name = "name", Department = "department",
        Position = "position", Status = "status", UpdatedAt = "updatedAt", Code = "code";

    static readonly Dictionary<string, string> HeaderNames = new(StringComparer.Ordinal)
    {
        ["employeenumber"] = EmployeeNumber, ["employeeno"] = EmployeeNumber, ["工号"] = EmployeeNumber, ["员工编号"] = EmployeeNumber,
        ["externalid"] = ExternalId, ["外部编号"] = ExternalId,
        ["name"] = Name, ["姓名"] = Name, ["部门名称"] = Name, ["名称"] = Name,
        ["department"] = Department, ["部门"] = Department,
        ["position"] = Position, ["title"] = Position, ["岗位"] = Position, ["职务"] = Position,
        ["status"] = Status, ["状态"] = Status, ["active"] = Status,
        ["updatedat"] = UpdatedAt, ["更新时间"] = UpdatedAt,
        ["code"] = Code, ["部门编码"] = Code, ["编码"] = Code,
    };

    /// <summary>The rows of a CSV or XLSX file (by its first bytes: a ZIP is XLSX).</summary>
    /// <exception cref="HrImportFileException">when the file cannot be read.</exception>
    public static IReadOnlyList<HrImportRow> Read(byte[] bytes) => Read(bytes.AsMemory());

    /// <inheritdoc cref="Read(byte[])"/>
    public static IReadOnlyList<HrImportRow> Read(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length == 0) throw new HrImportFileException("The file is empty.");
        if (bytes.Length > MaxBytes) throw new HrImportFileException($"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
        var isXlsx = bytes.Span.StartsWith("PK\u0003\u0004"u8);
        try
        {
            // CSV records are read one at a time: a file of 300,000 rows never has all its parsed lines and its rows at once.
            using var records = (isXlsx ? XlsxRecords(bytes.ToArray()) : CsvRecords(bytes.Span)).GetEnumerator();
            return Rows(records);
        }
        catch (TreeImportFileException e)
        {
            throw new HrImportFileException(e.Message);
        }
    }

    static List<HrImportRow> Rows(IEnumerator<(int Line, List<string> Fields)> records)
    {
        List<string>? header = null;
        while (header is null && records.MoveNext())
            if (records.Current.Fields.Any(f => f.Trim().Length > 0)) header = records.Current.Fields;
        if (header is null) throw new HrImportFileException("The file is empty.");
        var columns = new Dictionary<int, string>();
        for (var i = 0; i < header.Count; i++)
        {
            var key = new string(header[i].Trim().ToLowerInvariant().Where(c => c is not (' ' or '-' or '_')).ToArray());
            if (!HeaderNames.TryGetValue(key, out var column)) continue;
            if (columns.ContainsValue(column)) throw new HrImportFileException($"The header names the column {column} twice.");
            columns[i] = column;
        }
        if (columns.Count == 0) throw new HrImportFileException("The header row names none of the columns employeeNumber, externalId, name, department, position, status, updatedAt, code.");
        // A row keeps only the columns the import reads, trimmed (null: the row is too short to have it), by position in
        // one map shared by every row: a file of 300,000 rows keeps no dictionary or unread cell per row.
        var mapped = columns.OrderBy(c => c.Key).ToArray();
        var positions = mapped.Select((c, position) => (c.Value, position)).ToDictionary(c => c.Value, c => c.position);
        // Departments, positions, statuses and HR times repeat from row to row: each distinct value is kept once.
        var pooled = mapped.Select(c => c.Value is not (EmployeeNumber or ExternalId or Name or Code)).ToArray();
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<HrImportRow>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.All(f => f.Trim().Length == 0)) continue;
            if (rows.Count == MaxRows) throw new HrImportFileException($"The file has more than {MaxRows} rows.");
            if (fields.Any(f => ControlCharacters.AreIn(f)))
                throw new HrImportFileException($"Line {line}: a cell {ControlCharacters.Message}");
            var values = new string?[mapped.Length];
            for (var i = 0; i < mapped.Length; i++)
            {
                if (mapped[i].Key >= fields.Count) continue; // null: the row is too short to have it
                var value = fields[mapped[i].Key].Trim();
                if (pooled[i])
                {
                    if (pool.TryGetValue(value, out var kept)) value = kept;
                    else if (pool.Count < MaxPooledValues) pool[value] = value;
                }
                values[i] = value;
            }
            rows.Add(new HrImportRow(line, positions, values));
        }
        if (rows.Count == 0) throw new HrImportFileException("The file has no rows below the header.");
        return rows;
    }

    /// <summary>Employees when the header has an employee number or externalId, departments when it has a code or department name only.</summary>
    public static HrImportKind DetectKind(IReadOnlyList<HrImportRow> rows)
    {
        var first = rows[0];
        return first.Has(EmployeeNumber) || first.Has(ExternalId) || first.Has(Status) ? HrImportKind.Employees : HrImportKind.Departments;
    }

    /// <summary>active / inactive, true / false, 1 / 0, 在职 / 离职; empty is active.</summary>
    public static bool? ParseStatus(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "active" or "true" or "1" or "yes" or "在职" or "在岗" or "正常" => true,
        "inactive" or "false" or "0" or "no" or "left" or "离职" or "停用" or "退休" => false,
        _ => null,
    };

    /// <summary>ISO 8601 or "yyyy-MM-dd HH:mm[:ss]" (China time when no offset is given), or an Excel serial date.</summary>
    public static DateTimeOffset? ParseTime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958466)
            return new DateTimeOffset(DateTime.FromOADate(serial), ServiceDefaults.Time.GroupCalendar.Offset);
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)) return withOffset;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ServiceDefaults.Time.GroupCalendar.Offset);
        return null;
    }

    static IEnumerable<(int Line, List<string> Fields)> CsvRecords(ReadOnlySpan<byte> bytes)
    {
        var text = OrganizationTreeCsv.Decode(bytes);
        if (text.Contains('\0')) throw new HrImportFileException("The file is neither a CSV text file nor an XLSX workbook.");
        return OrganizationTreeCsv.EnumerateRecords(text);
    }

    const string SheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>The first sheet's rows (row number, cells in column order; gaps filled with "").</summary>
    static List<(int Line, List<string> Fields)> XlsxRecords(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var shared = new List<string>();
            if (zip.GetEntry("xl/sharedStrings.xml") is { } sharedEntry)
            {
                using var reader = XmlReader.Create(sharedEntry.Open(), Settings);
                while (reader.ReadToFollowing("si", SheetNs)) shared.Add(TextOf(reader.ReadSubtree()));
            }
            var sheet = FirstSheetPath(zip) ?? throw new HrImportFileException("The workbook has no sheet.");
            var entry = zip.GetEntry(sheet) ?? throw new HrImportFileException("The workbook's first sheet is missing.");
            var rows = new List<(int, List<string>)>();
            using var xml = XmlReader.Create(entry.Open(), Settings);
            while (xml.ReadToFollowing("row", SheetNs))
            {
                var rowNumber = int.TryParse(xml.GetAttribute("r"), out var r) ? r : rows.Count + 1;
                var cells = new List<string>();
                using var row = xml.ReadSubtree();
                while (row.ReadToFollowing("c", SheetNs))
                {
                    var reference = row.GetAttribute("r");
                    var type = row.GetAttribute("t");
                    var index = reference is null ? cells.Count : ColumnIndex(reference);
                    using var cell = row.ReadSubtree();
                    string value = "";
                    if (type == "inlineStr") value = cell.ReadToFollowing("is", SheetNs) ? TextOf(cell.ReadSubtree()) : "";
                    else if (cell.ReadToFollowing("v", SheetNs))
                    {
                        var raw = cell.ReadElementContentAsString();
                        value = type == "s" && int.TryParse(raw, out var s) && s >= 0 && s < shared.Count ? shared[s] : raw;
                    }
                    while (cells.Count < index) cells.Add("");
                    if (cells.Count == index) cells.Add(value); else cells[index] = value;
                }
                rows.Add((rowNumber, cells));
                if (rows.Count > MaxRows + 1) throw new HrImportFileException($"The file has more than {MaxRows} rows.");
            }
            return rows;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException)
        {
            throw new HrImportFileException("The file is not a readable XLSX workbook.");
        }
    }

    static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false };

    /// <summary>The concatenated t elements of a shared or inline string (rich text runs included, phonetic runs left out).</summary>
    static string TextOf(XmlReader reader)
    {
        var text = new System.Text.StringBuilder();
        var inPhonetic = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh" && !reader.IsEmptyElement) inPhonetic++;
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "rPh") inPhonetic--;
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t" && inPhonetic == 0) text.Append(reader.ReadElementContentAsString());
        }
        return text.ToString();
    }

    static string? FirstSheetPath(ZipArchive zip)
    {
        var workbook = zip.GetEntry("xl/workbook.xml");
        if (workbook is null) return null;
        string? relationId = null;
        using (var reader = XmlReader.Create(workbook.Open(), Settings))
            if (reader.ReadToFollowing("sheet", SheetNs)) relationId = reader.GetAttribute("id", RelNs);
        if (relationId is null) return null;
        if (zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } rels) return "xl/worksheets/sheet1.xml";
        using var relsReader = XmlReader.Create(rels.Open(), Settings);
        while (relsReader.Read())
        {
            if (relsReader.NodeType != XmlNodeType.Element || relsReader.LocalName != "Relationship" || relsReader.GetAttribute("Id") != relationId) continue;
            var target = relsReader.GetAttribute("Target") ?? "";
            return target.StartsWith('/') ? target[1..] : "xl/" + target;
        }
        return null;
    }

    static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return Math.Max(0, index - 1);
    }
}
