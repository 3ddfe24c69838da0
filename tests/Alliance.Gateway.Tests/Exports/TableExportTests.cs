using System.Text;
using Alliance.Gateway.Exports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Alliance.Gateway.Tests.Exports;

/// <summary>The export writers on their own: XLSX read back with OpenXml, CSV as Excel reads it.</summary>
public sealed class TableExportTests
{
    static async IAsyncEnumerable<IReadOnlyList<string>> Rows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return [$"党员{i}", i % 2 == 0 ? "=SUM(A1:A2)" : "+86 138", "第一行\n第二行"];
        }
    }

    [Fact]
    public async Task An_xlsx_table_holds_every_row_as_text_with_chinese_and_formulas_kept_as_text()
    {
        using var body = new MemoryStream();

        await XlsxTable.WriteAsync(body, "签到", ["姓名", "备注", "说明"], Rows(1_000), CancellationToken.None);

        body.Position = 0;
        using var document = SpreadsheetDocument.Open(body, false);
        var workbook = document.WorkbookPart!;
        workbook.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value.Should().Be("签到");
        var rows = workbook.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        rows.Should().HaveCount(1_001);
        rows[0].Elements<Cell>().Select(c => c.InnerText).Should().Equal("姓名", "备注", "说明");
        var first = rows[1].Elements<Cell>().ToList();
        first.Select(c => c.InnerText).Should().Equal("党员0", "=SUM(A1:A2)", "第一行\n第二行");
        first.Should().OnlyContain(c => c.DataType!.Value == CellValues.InlineString && c.CellFormula == null);
    }

    [Fact]
    public async Task A_csv_table_starts_with_a_bom_quotes_as_rfc4180_and_escapes_formula_cells()
    {
        using var body = new MemoryStream();

        await CsvTable.WriteAsync(body, ["姓名", "备注", "说明"], Rows(2), CancellationToken.None);

        var bytes = body.ToArray();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Should().Be(
            "姓名,备注,说明\r\n" +
            "党员0,\"'=SUM(A1:A2)\",\"第一行\n第二行\"\r\n" +
            "党员1,\"'+86 138\",\"第一行\n第二行\"\r\n");
    }

    [Theory]
    [InlineData(null, ExportFormat.Xlsx)]
    [InlineData("XLSX", ExportFormat.Xlsx)]
    [InlineData(" csv ", ExportFormat.Csv)]
    public void The_format_is_xlsx_unless_csv_is_asked(string? value, ExportFormat expected)
    {
        var errors = new Dictionary<string, string[]>();
        TableExport.ParseFormat(errors, value).Should().Be(expected);
        errors.Should().BeEmpty();
    }

    [Fact]
    public void Another_format_is_a_field_error()
    {
        var errors = new Dictionary<string, string[]>();
        TableExport.ParseFormat(errors, "pdf").Should().BeNull();
        errors.Should().ContainKey("format");
    }
}
