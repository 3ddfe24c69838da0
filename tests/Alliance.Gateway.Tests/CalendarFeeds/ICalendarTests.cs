using System.Text;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.CalendarFeeds;
using Google.Protobuf.WellKnownTypes;

namespace Alliance.Gateway.Tests.CalendarFeeds;

/// <summary>The iCalendar writer against RFC 5545: escaping, folding at 75 octets (never inside a UTF-8 character), UTC times.</summary>
public sealed class ICalendarTests
{
    static Activity Activity(string title, ActivityStatus status = ActivityStatus.Planned)
    {
        var a = new Activity
        {
            Id = "0199a000-0000-7000-8000-00000000abcd", Title = title, TypeNameZh = "联学", TypeNameEn = "Joint study", Status = status,
            StartsAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 5, 14, 0, 0, TimeSpan.FromHours(8))),
            EndsAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 5, 16, 0, 0, TimeSpan.FromHours(8))),
            UpdatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero)),
            Venue = new ActivityVenue { Name = "江湾党群服务中心", Address = "城东路 1 号" }, Agenda = "一、学习\r\n二、交流", Version = 3, CancelReason = "暴雨",
        };
        a.Hosts.Add(new ActivityHost { Name = "甲公司第一党支部" });
        return a;
    }

    static string Unfold(string text) => text.Replace("\r\n ", "");

    [Fact]
    public void Text_escapes_backslash_semicolon_comma_and_newlines()
    {
        ICalendar.Escape("a\\b;c,d\ne\r\nf\u0001").Should().Be("a\\\\b\\;c\\,d\\ne\\nf");
    }

    [Fact]
    public void Long_lines_are_folded_at_75_octets_between_characters_and_unfold_to_the_original()
    {
        var title = "学习贯彻, 研讨; " + new string('长', 60) + "😀" + new string('a', 80);

        var text = ICalendar.Write("甲公司第一党支部", [Activity(title)], DateTimeOffset.UnixEpoch);

        var lines = text.Split("\r\n");
        lines.Should().OnlyContain(l => Encoding.UTF8.GetByteCount(l) <= 75);
        lines.Should().NotContain(l => l.Contains('\uFFFD'));
        text.Should().EndWith("END:VCALENDAR\r\n");
        Unfold(text).Split("\r\n").Should().Contain("SUMMARY:" + ICalendar.Escape(title));
    }

    [Fact]
    public void An_event_has_its_uid_times_in_utc_sequence_location_and_status()
    {
        var lines = Unfold(ICalendar.Write("联盟", [Activity("联学"), Activity("取消的", ActivityStatus.Cancelled)], DateTimeOffset.UnixEpoch)).Split("\r\n");

        lines.Should().ContainInOrder("BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:0199a000-0000-7000-8000-00000000abcd@alliance",
            "DTSTAMP:20260301T100000Z", "DTSTART:20260305T060000Z", "DTEND:20260305T080000Z", "SEQUENCE:3", "SUMMARY:联学",
            "LOCATION:江湾党群服务中心 (城东路 1 号)", "STATUS:CONFIRMED", "END:VEVENT");
        lines.Should().Contain("STATUS:CANCELLED");
        lines.Single(l => l.StartsWith("DESCRIPTION:") && l.Contains("取消")).Should().Contain("一、学习\\n二、交流");
    }
}
