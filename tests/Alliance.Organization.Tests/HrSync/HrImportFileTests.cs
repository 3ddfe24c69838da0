using System.IO.Compression;
using System.Security;
using System.Text;
using Alliance.Organization.HrSync;

namespace Alliance.Organization.Tests.HrSync;

/// <summary>Reading HR exports (CSV in UTF-8 or GBK, XLSX) and the rule of HR's timestamps.</summary>
public class HrImportFileTests
{
    const string Chinese = "工号,姓名,部门,岗位,状态,更新时间\r\nA1,张三,研发部,工程师,在职,2026-03-01 09:00\r\nA2,李四,\"市场部,华东\",经理,离职,\r\n";

    static void Expect(IReadOnlyList<HrImportRow> rows)
    {
        rows.Should().HaveCount(2);
        (rows[0][HrImportFile.EmployeeNumber], rows[0][HrImportFile.Name], rows[0][HrImportFile.Department], rows[0][HrImportFile.Position])
            .Should().Be(("A1", "张三", "研发部", "工程师"));
        rows[1][HrImportFile.Department].Should().Be("市场部,华东");
        HrImportFile.ParseStatus(rows[0][HrImportFile.Status]).Should().BeTrue();
        HrImportFile.ParseStatus(rows[1][HrImportFile.Status]).Should().BeFalse();
        rows[0].RowNumber.Should().Be(2);
        HrImportFile.DetectKind(rows).Should().Be(HrImportKind.Employees);
    }

    [Fact]
    public void Reads_UTF8_with_and_without_a_BOM()
    {
        Expect(HrImportFile.Read(Encoding.UTF8.GetBytes(Chinese)));
        Expect(HrImportFile.Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Chinese)]));
    }

    [Fact]
    public void Reads_GBK_as_Excel_on_a_Chinese_Windows_saves_it()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GBK").GetBytes(Chinese);
        bytes.Should().NotEqual(Encoding.UTF8.GetBytes(Chinese));
        Expect(HrImportFile.Read(bytes));
    }

    [Fact]
    public void Reads_the_first_sheet_of_an_XLSX_workbook_with_shared_strings()
    {
        var xlsx = Xlsx(["工号", "姓名", "部门", "岗位", "状态", "更新时间"], ["A1", "张三", "研发部", "工程师", "在职", "2026-03-01 09:00"],
            ["A2", "李四", "市场部,华东", "经理", "离职", ""]);
        Expect(HrImportFile.Read(xlsx));
    }

    [Fact]
    public void A_departments_file_is_told_from_its_header_and_bad_files_are_refused_with_a_reason()
    {
        HrImportFile.DetectKind(HrImportFile.Read(Encoding.UTF8.GetBytes("code,name\nD1,研发部\n"))).Should().Be(HrImportKind.Departments);
        FluentActions.Invoking(() => HrImportFile.Read([])).Should().Throw<HrImportFileException>().WithMessage("*empty*");
        FluentActions.Invoking(() => HrImportFile.Read(Encoding.UTF8.GetBytes("foo,bar\n1,2\n"))).Should().Throw<HrImportFileException>().WithMessage("*header*");
        FluentActions.Invoking(() => HrImportFile.Read([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])).Should().Throw<HrImportFileException>().WithMessage("*XLSX*");
        HrImportFile.ParseStatus("unknown").Should().BeNull();
    }

    [Fact]
    public void Times_without_an_offset_are_China_time_and_an_Excel_serial_date_is_read()
    {
        HrImportFile.ParseTime("2026-03-01 09:00").Should().Be(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero));
        HrImportFile.ParseTime("2026-03-01T09:00:00Z").Should().Be(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        HrImportFile.ParseTime("46082").Should().Be(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        HrImportFile.ParseTime("yesterday").Should().BeNull();
    }

    [Fact]
    public void An_older_record_is_stale_an_equal_or_newer_one_is_not_and_the_latest_time_is_kept()
    {
        var t = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        HrTimestamps.IsStale(null, t).Should().BeFalse();
        HrTimestamps.IsStale(t, t.AddSeconds(-1)).Should().BeTrue();
        HrTimestamps.IsStale(t, t).Should().BeFalse();
        HrTimestamps.IsStale(t, t.AddSeconds(1)).Should().BeFalse();
        HrTimestamps.Latest(t, t.AddHours(-1)).Should().Be(t);
        HrTimestamps.Latest(t, t.AddHours(1)).Should().Be(t.AddHours(1));
    }

    /// <summary>A minimal XLSX workbook (one sheet, every cell a shared string), as Excel writes one.</summary>
    public static byte[] Xlsx(params string[][] rows)
    {
        var strings = rows.SelectMany(r => r).Distinct().ToList();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            Add("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
            Add("xl/workbook.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets><sheet name=\"花名册\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Add("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            Add("xl/sharedStrings.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{main}\">" +
                string.Concat(strings.Select(s => $"<si><t>{SecurityElement.Escape(s)}</t></si>")) + "</sst>");
            var sheet = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{main}\"><sheetData>");
            for (var r = 0; r < rows.Length; r++)
            {
                sheet.Append($"<row r=\"{r + 1}\">");
                for (var c = 0; c < rows[r].Length; c++)
                    if (rows[r][c].Length > 0) sheet.Append($"<c r=\"{(char)('A' + c)}{r + 1}\" t=\"s\"><v>{strings.IndexOf(rows[r][c])}</v></c>");
                sheet.Append("</row>");
            }
            Add("xl/worksheets/sheet1.xml", sheet.Append("</sheetData></worksheet>").ToString());
        }
        return buffer.ToArray();
    }
}
