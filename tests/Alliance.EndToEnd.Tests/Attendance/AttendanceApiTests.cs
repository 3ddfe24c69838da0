using System.Net;
using System.Net.Http.Json;
using System.Text;
using Alliance.Contracts;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Alliance.EndToEnd.Tests.Alliances;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Attendance.AttendanceApi;
using static Alliance.EndToEnd.Tests.People.PeopleApi;

namespace Alliance.EndToEnd.Tests.Attendance;

/// <summary>
/// Participants, check-in, attendance, exports and calendar feeds through the gateway on the whole stack: an organization
/// and a person invited, a self check-in and a code check-in (twice = once), the rate by organization, a person's history,
/// the attendance and the period's activities as XLSX (read back with OpenXml) and CSV, and the .ics feed by its link.
/// </summary>
[Collection(StackCollection.Name)]
public class AttendanceApiTests(StackFixture stack)
{
    [Fact]
    public async Task Invited_people_check_in_themselves_or_with_the_venue_code_once_and_attendance_counts_them_by_organization()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin, "签到企业");
        var admin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id, "王管理员");
        var zhang = await admin.JoinAsync((await admin.RegisterPersonAsync(subsidiary.Id, "张三")).Id, committee.Id);
        var li = await admin.JoinAsync((await admin.RegisterPersonAsync(subsidiary.Id, "李四")).Id, committee.Id);
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id, "李书记");
        var activity = await secretary.ScheduleAsync(Now([committee.Id], "支部联学：签到"));

        var invited = await secretary.InviteAsync(activity.Id, new { organizationId = committee.Id });
        var again = await secretary.InviteAsync(activity.Id, new { organizationId = committee.Id });
        var person = await secretary.InviteAsync(activity.Id, new { personId = zhang.Id });

        invited.ExpectedCount.Should().Be(2);
        invited.Name.Should().Be(committee.Name);
        again.Id.Should().Be(invited.Id);
        person.Kind.Should().Be("person");
        (await secretary.ParticipantsAsync(activity.Id)).Total.Should().Be(2);

        var zhangsan = await stack.SignedInAsync(Roles.Member, subsidiary.Id, "zhangsan");
        var self = await (await zhangsan.CheckInAsync(activity.Id, null, zhang.Id)).ReadAsync<CheckInResult>(201);
        var code = await secretary.CodeAsync(activity.Id);
        var guest = await stack.SignedInAsync(Roles.Member, subsidiary.Id, "来宾");
        var byCode = await guest.CheckInAsync(activity.Id, code.Code);
        if (byCode.StatusCode == HttpStatusCode.Conflict) byCode = await guest.CheckInAsync(activity.Id, (await secretary.CodeAsync(activity.Id)).Code); // rotated meanwhile
        var first = await byCode.ReadAsync<CheckInResult>(201);
        var twice = await (await guest.CheckInAsync(activity.Id, (await secretary.CodeAsync(activity.Id)).Code)).ReadAsync<CheckInResult>(200);

        self.CheckIn.Method.Should().Be("self");
        self.CheckIn.Name.Should().Be("张三");
        self.CheckIn.OrganizationName.Should().Be(committee.Name);
        code.Code.Should().MatchRegex("^[0-9]{6}$");
        code.StepSeconds.Should().Be(StackFixture.CheckInCodeStepSeconds);
        first.CheckIn.Method.Should().Be("code");
        twice.AlreadyCheckedIn.Should().BeTrue();
        twice.CheckIn.Id.Should().Be(first.CheckIn.Id);

        var attendance = await guest.AttendanceAsync(activity.Id);
        attendance.Invited.Should().Be(2);
        attendance.CheckedIn.Should().Be(2);
        attendance.Rate.Should().Be(1);
        attendance.Organizations.Should().ContainSingle(o => o.OrganizationId == committee.Id).Which.CheckedIn.Should().Be(2);
        var history = await (await admin.GetAsync($"/api/v1/people/{zhang.Id}/attendance")).ReadAsync<PersonAttendance>(200);
        history.Name.Should().Be("张三");
        history.Attended.Should().Be(1);
        history.Items.Should().ContainSingle().Which.Should().Match<PersonAttendanceEntry>(e => e.Invited && e.CheckIn != null && e.Activity.Id == activity.Id);
        (await (await admin.GetAsync($"/api/v1/people/{li.Id}/attendance")).ReadAsync<PersonAttendance>(200)).Total.Should().Be(0);
        var audit = await secretary.HistoryAsync(activity.Id);
        audit.Select(c => c.Kind).Should().Contain("participant-invited");
        audit.First(c => c.Kind == "participant-invited").ChangedBy.Should().Be("李书记");

        var withdrawn = await secretary.DeleteAsync($"/api/v1/activities/{activity.Id}/participants/{person.Id}");
        (await withdrawn.ReadAsync<Participant>(200)).WithdrawnBy.Should().Be("李书记");
        (await secretary.ParticipantsAsync(activity.Id)).Total.Should().Be(1);
    }

    [Fact]
    public async Task The_attendance_exports_as_xlsx_with_chinese_text_and_as_csv_with_a_bom_and_formulas_neutralized()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin, "导出企业");
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id, "李书记");
        var activity = await secretary.ScheduleAsync(Now([committee.Id], "联学导出"));
        foreach (var user in new[] { "王五", "=cmd|' /C calc'!A0" })
        {
            var member = await stack.SignedInAsync(Roles.Member, subsidiary.Id, user);
            var response = await member.CheckInAsync(activity.Id, (await secretary.CodeAsync(activity.Id)).Code);
            if (response.StatusCode == HttpStatusCode.Conflict) response = await member.CheckInAsync(activity.Id, (await secretary.CodeAsync(activity.Id)).Code);
            await EnsureAsync(response, 201);
        }

        var xlsx = await secretary.GetAsync($"/api/v1/activities/{activity.Id}/attendance/export?format=xlsx");
        await EnsureAsync(xlsx, 200);
        xlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        xlsx.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("签到-联学导出.xlsx");
        var rows = ReadSheet(await xlsx.Content.ReadAsByteArrayAsync());
        rows[0].Should().Equal("姓名", "用户", "组织", "签到方式", "签到时间");
        rows.Skip(1).Select(r => r[0]).Should().Equal("王五", "=cmd|' /C calc'!A0");
        rows[1][3].Should().Be("现场签到码");

        var csv = await secretary.GetAsync($"/api/v1/activities/{activity.Id}/attendance/export?format=csv&lang=en-US");
        await EnsureAsync(csv, 200);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Name,User,Organization,Method,Checked in at");
        lines[1].Should().StartWith("王五,王五,");
        lines[2].Should().StartWith("\"'=cmd|' /C calc'!A0\"");
    }

    [Fact]
    public async Task A_periods_activities_export_with_the_lists_filters()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin, "清单企业");
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id);
        var tag = NewCode("清单");
        await secretary.ScheduleAsync(Body([committee.Id], "2026-02-03T09:00", "2026-02-03T11:00", title: tag + " 二月"));
        await secretary.ScheduleAsync(Body([committee.Id], "2026-03-03T09:00", "2026-03-03T11:00", title: tag + " 三月"));

        var xlsx = await secretary.GetAsync($"/api/v1/activities/export?search={Uri.EscapeDataString(tag)}&from=2026-02-01&to=2026-02-28");
        await EnsureAsync(xlsx, 200);
        var rows = ReadSheet(await xlsx.Content.ReadAsByteArrayAsync());
        rows[0].Take(3).Should().Equal("标题", "类型", "联建举措");
        rows.Skip(1).Should().ContainSingle().Which.Should().StartWith([tag + " 二月", "联学", "理论联学", committee.Name]);
        rows[1][6].Should().Be("2026-02-03 09:00");

        var csv = await secretary.GetAsync($"/api/v1/activities/export?format=csv&search={Uri.EscapeDataString(tag)}&sort=-starts");
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[1].Should().Contain("三月");
    }

    [Fact]
    public async Task A_calendar_feed_link_serves_rfc5545_events_without_a_token_and_stops_when_revoked()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin, "日历企业");
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id);
        var long_ = "学习贯彻党的二十届三中全会精神, 交流; 研讨\\总结: " + new string('长', 40);
        var held = await secretary.ScheduleAsync(Body([committee.Id], FromNow(60 * 24), FromNow(60 * 26), title: long_));
        var cancelled = await secretary.ScheduleAsync(Body([committee.Id], FromNow(60 * 48), FromNow(60 * 50), title: "取消的活动"));
        await EnsureAsync(await secretary.PostAsJsonAsync($"/api/v1/activities/{cancelled.Id}/cancel", new { reason = "暴雨" }), 200);

        var created = await (await secretary.PostAsJsonAsync("/api/v1/calendar-feeds", new { organizationId = committee.Id })).ReadAsync<CreatedCalendarFeed>(201);
        var feed = await stack.Anonymous().GetAsync(new Uri(created.Url).PathAndQuery);
        await EnsureAsync(feed, 200);
        feed.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var raw = await feed.Content.ReadAsByteArrayAsync();

        var physical = Encoding.UTF8.GetString(raw).Split("\r\n");
        physical.Should().OnlyContain(l => Encoding.UTF8.GetByteCount(l) <= 75, "lines are folded at 75 octets");
        var lines = Encoding.UTF8.GetString(raw).Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("BEGIN:VCALENDAR");
        lines.Should().Contain("VERSION:2.0").And.Contain(l => l.StartsWith("PRODID:"));
        var events = Events(lines);
        events.Should().HaveCount(2);
        var first = events.Single(e => e["UID"] == $"{held.Id}@alliance");
        Unescape(first["SUMMARY"]).Should().Be(long_);
        first["SUMMARY"].Should().Contain("\\,").And.Contain("\\;").And.Contain("\\\\");
        first["DTSTART"].Should().Be(held.StartsAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'"));
        first["DTEND"].Should().EndWith("Z");
        first.Should().ContainKey("DTSTAMP");
        first["STATUS"].Should().Be("CONFIRMED");
        Unescape(first["DESCRIPTION"]).Should().Contain("\n");
        events.Single(e => e["UID"] == $"{cancelled.Id}@alliance")["STATUS"].Should().Be("CANCELLED");

        var list = await (await secretary.GetAsync("/api/v1/calendar-feeds")).ReadAsync<PagedList<CalendarFeed>>(200);
        list.Items.Should().Contain(f => f.Id == created.Feed.Id && f.Name == committee.Name);
        await EnsureAsync(await secretary.PostAsync($"/api/v1/calendar-feeds/{created.Feed.Id}/revoke", null), 200);
        (await stack.Anonymous().GetAsync(new Uri(created.Url).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stack.Anonymous().GetAsync("/api/v1/calendar-feeds/" + new string('a', 43) + ".ics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>The first sheet's rows as text (inline or shared strings).</summary>
    internal static List<string[]> ReadSheet(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)]
            : c.CellValue?.Text ?? "").ToArray()).ToList();
    }

    static List<Dictionary<string, string>> Events(string[] lines)
    {
        var events = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT") current = [];
            else if (line == "END:VEVENT") { events.Add(current!); current = null; }
            else if (current is not null) { var colon = line.IndexOf(':'); current[line[..colon]] = line[(colon + 1)..]; }
        }
        return events;
    }

    static string Unescape(string text)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                var next = text[++i];
                result.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else result.Append(text[i]);
        }
        return result.ToString();
    }
}
