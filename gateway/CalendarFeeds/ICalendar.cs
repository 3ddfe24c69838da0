using System.Globalization;
using System.Text;
using Alliance.Contracts.Activity.V1;

namespace Alliance.Gateway.CalendarFeeds;

/// <summary>
/// Activities as an iCalendar feed (RFC 5545): one VEVENT each with UID, DTSTAMP, DTSTART and DTEND in UTC, SEQUENCE
/// (the activity's version, so apps replace a revised event), SUMMARY, LOCATION, DESCRIPTION and STATUS (CANCELLED for a
/// cancelled activity); text escaped (\ ; , and newlines) and lines folded at 75 octets without splitting a UTF-8
/// character; CRLF line ends.
/// </summary>
public static class ICalendar
{
    const int MaxLineOctets = 75;

    public static string Write(string calendarName, IEnumerable<Activity> activities, DateTimeOffset now)
    {
        var text = new StringBuilder();
        void Line(string content) => Fold(text, content);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Alliance//Joint activities//ZH");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(calendarName));
        Line("X-PUBLISHED-TTL:PT1H");
        foreach (var a in activities)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{a.Id}@alliance");
            Line("DTSTAMP:" + Utc(a.UpdatedAt?.ToDateTimeOffset() ?? now));
            Line("DTSTART:" + Utc(a.StartsAt.ToDateTimeOffset()));
            Line("DTEND:" + Utc(a.EndsAt.ToDateTimeOffset()));
            Line("SEQUENCE:" + a.Version.ToString(CultureInfo.InvariantCulture));
            Line("SUMMARY:" + Escape(a.Title));
            var venue = a.Venue.Name.Length > 0 ? $"{a.Venue.Name} ({a.Venue.Address})" : a.Venue.Address;
            if (venue.Length > 0) Line("LOCATION:" + Escape(venue));
            Line("DESCRIPTION:" + Escape(Description(a)));
            Line("STATUS:" + (a.Status == ActivityStatus.Cancelled ? "CANCELLED" : "CONFIRMED"));
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return text.ToString();
    }

    static string Description(Activity a)
    {
        var lines = new List<string> { $"{a.TypeNameZh} / {a.TypeNameEn}", "主办 Hosts: " + string.Join("、", a.Hosts.Select(h => h.Name)) };
        if (a.AllianceName.Length > 0) lines.Add("联盟 Alliance: " + a.AllianceName);
        if (a.PairingTitle.Length > 0) lines.Add("结对 Pairing: " + a.PairingTitle);
        if (a.Agenda.Length > 0) lines.Add(a.Agenda);
        if (a.Status == ActivityStatus.Cancelled && a.CancelReason.Length > 0) lines.Add("取消 Cancelled: " + a.CancelReason);
        return string.Join("\n", lines);
    }

    static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT values (RFC 5545 3.3.11): backslash, semicolon and comma escaped, newlines as \n, other controls dropped.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case ';': text.Append("\\;"); break;
                case ',': text.Append("\\,"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    text.Append("\\n");
                    break;
                case '\n': text.Append("\\n"); break;
                default:
                    if (c >= ' ' || c == '\t') text.Append(c);
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>Appends a content line folded (RFC 5545 3.1): at most 75 octets per line, continuations start with a space.</summary>
    static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = MaxLineOctets;
        for (var i = 0; i < line.Length; i++)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = MaxLineOctets - 1; // the leading space counts
            }
            text.Append(line, i, length);
            octets += size;
            i += length - 1;
        }
        text.Append("\r\n");
    }
}
