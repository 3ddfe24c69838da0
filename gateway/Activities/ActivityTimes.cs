using System.Globalization;
using System.Text.RegularExpressions;

namespace Alliance.Gateway.Activities;

/// <summary>
/// Times as the API takes them: ISO 8601 with an offset (<c>2026-03-05T14:00:00+08:00</c>, <c>...Z</c>), or without one,
/// read as China Standard Time, the group's calendar (UTC+8); days (<c>yyyy-MM-dd</c>) for periods.
/// </summary>
public static partial class ActivityTimes
{
    public static readonly TimeSpan GroupOffset = TimeSpan.FromHours(8);
    static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public static bool TryParseInstant(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var text = value.Trim();
        if (HasOffset().IsMatch(text))
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant) && text.Length >= 16;
        if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        instant = new DateTimeOffset(local, GroupOffset);
        return true;
    }

    /// <summary>Adds "is required" or "must be a time ..." for <paramref name="field"/> unless it parses.</summary>
    public static DateTimeOffset? Instant(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["is required."];
        else if (TryParseInstant(value, out var instant)) return instant;
        else errors[field] = ["must be a time as yyyy-MM-ddTHH:mm[:ss][+08:00] (without an offset: China Standard Time)."];
        return null;
    }

    /// <summary>The first moment of a day of the group's calendar.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), GroupOffset);

    /// <summary>An instant as the group reads it, in UTC+8.</summary>
    public static DateTimeOffset InGroupTime(DateTimeOffset instant) => instant.ToOffset(GroupOffset);

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
