using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Alliance.Gateway.Exports;

/// <summary>
/// One-sheet XLSX written with OpenXml's SAX writer (<see cref="OpenXmlWriter"/>), a row at a time, every cell an inline
/// string (never a formula). A ZIP package needs a seekable stream, so the workbook is written to a temporary file that
/// deletes itself, then copied to the response: memory stays flat however long the list.
/// </summary>
public static class XlsxTable
{
    public static async Task WriteAsync(Stream body, string sheetName, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string>> rows, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"alliance-export-{Guid.NewGuid():N}.xlsx");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook, autoSave: true))
        {
            var workbook = document.AddWorkbookPart();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                var rowIndex = 1u;
                WriteRow(writer, rowIndex++, headers);
                await foreach (var row in rows.WithCancellation(ct)) WriteRow(writer, rowIndex++, row);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet
            {
                Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(sheetName),
            }));
            workbook.Workbook.Save();
        }
        file.Position = 0;
        await file.CopyToAsync(body, ct);
    }

    static void WriteRow(OpenXmlWriter writer, uint index, IReadOnlyList<string> cells)
    {
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", index.ToString())]);
        foreach (var cell in cells)
            writer.WriteElement(new Cell(new InlineString(new Text(XmlSafe(cell)) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString });
        writer.WriteEndElement();
    }

    /// <summary>Sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    static string SheetName(string name)
    {
        var clean = new string(name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>XML 1.0 takes no control characters but tab, newline and carriage return.</summary>
    static string XmlSafe(string? text) =>
        string.IsNullOrEmpty(text) ? "" : new string(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray());
}
