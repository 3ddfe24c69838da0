using Alliance.Testing;
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
    public void A_cell_with_a_control_character_refuses_the_file_naming_its_line_in_CSV_and_XLSX()
    {
        var csv = () => HrImportFile.Read(Encoding.UTF8.GetBytes("工号,姓名,部门\r\nA1,张三,研发部\r\nA2,李\u0001四,研发部\r\n"));
        csv.Should().Throw<HrImportFileException>().WithMessage("Line 3: a cell must not contain control characters*");
        var xlsx = () => HrImportFile.Read(Workbooks.Xlsx(["工号", "姓名"], ["A1", "张\u007f三"]));
        xlsx.Should().Throw<HrImportFileException>().WithMessage("Line 2: a cell must not contain control characters*");
        HrImportFile.Read(Encoding.UTF8.GetBytes("工号,姓名,部门\r\nA1,张三,\"研发部\t一组\"\r\n")).Should().ContainSingle();
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
        var xlsx = Workbooks.Xlsx(["工号", "姓名", "部门", "岗位", "状态", "更新时间"], ["A1", "张三", "研发部", "工程师", "在职", "2026-03-01 09:00"],
            ["A2", "李四", "市场部,华东", "经理", "离职", ""]);
        Expect(HrImportFile.Read(xlsx));
    }

    [Fact]
    public void Repeated_cells_are_kept_once_and_an_unclosed_quote_at_the_end_still_refuses_the_file()
    {
        var csv = new StringBuilder("工号,姓名,部门,岗位,状态,更新时间\n");
        for (var i = 0; i < 50; i++) csv.Append($"E{i},张三,研发部,工程师,在职,2026-03-01 09:00\n");
        var rows = HrImportFile.Read(Encoding.UTF8.GetBytes(csv.ToString()));

        rows.Should().HaveCount(50);
        rows.Select(r => r[HrImportFile.Department]).Distinct(ReferenceEqualityComparer.Instance).Should().ContainSingle("one string for all 50");
        rows.Select(r => r[HrImportFile.UpdatedAt]).Distinct(ReferenceEqualityComparer.Instance).Should().ContainSingle();
        rows.Select(r => r[HrImportFile.EmployeeNumber]).Should().OnlyHaveUniqueItems().And.Contain(["E0", "E49"]);
        rows[49].RowNumber.Should().Be(51);

        // The records are read one at a time; a quote left open on the last line is found at the end and refuses the whole file.
        FluentActions.Invoking(() => HrImportFile.Read(Encoding.UTF8.GetBytes(csv + "E50,\"王五,研发部\n")))
            .Should().Throw<HrImportFileException>().WithMessage("*quoted field is not closed*");
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
}
