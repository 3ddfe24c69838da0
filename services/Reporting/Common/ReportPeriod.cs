using System.Globalization;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Common;

/// <summary>
/// The months a report covers on the group calendar, both inclusive: yyyy-MM, by default the twelve months up to this
/// one, at most <see cref="MaxMonths"/>.
/// </summary>
public readonly record struct ReportMonths(DateOnly From, DateOnly To)
{
    public const int MaxMonths = 36;

    public string FromKey => Key(From);
    public string ToKey => Key(To);
    /// <summary>The first day after the last month.</summary>
    public DateOnly End => To.AddMonths(1);

    public static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Reads from and to into <paramref name="errors"/>: each a month, to not before from, within <see cref="MaxMonths"/>.</summary>
    public static ReportMonths Read(FieldErrors errors, string? from, string? to, DateOnly today)
    {
        var before = errors.HasErrors;
        var last = Month(errors, "to", to) ?? FirstOfMonth(today);
        var first = Month(errors, "from", from) ?? last.AddMonths(-11);
        if (errors.HasErrors && !before) return default;
        if (last < first) errors.Add("to", "must not be before from.");
        else if (first.AddMonths(MaxMonths) <= last) errors.Add("to", $"must be within {MaxMonths} months of from.");
        return new(first, last);
    }

    static DateOnly? Month(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)) return month;
        errors.Add(field, "must be a month as yyyy-MM.");
        return null;
    }
}

/// <summary>Whose figures a report shows: a group admin the whole group (null) or the subsidiary asked for; anyone else their own.</summary>
public static class ReportScope
{
    /// <summary>The subsidiary the report is limited to, or null for the whole group.</summary>
    /// <exception cref="RpcException">NOT_FOUND for another subsidiary, or (for a group admin) one reporting does not know.</exception>
    public static async Task<Guid?> SubsidiaryAsync(CallerScope caller, string? requested, ReportingDbContext db, CancellationToken ct)
    {
        Guid? subsidiary = string.IsNullOrWhiteSpace(requested) ? null : Guid.Parse(requested);
        if (subsidiary is { } s)
        {
            caller.EnsureCanAccess(s, "The subsidiary");
            if (caller.IsGroupAdmin && !await db.SubsidiaryCounts.AsNoTracking().AnyAsync(c => c.SubsidiaryId == s, ct))
                throw new RpcException(new Status(StatusCode.NotFound, "The subsidiary was not found."));
        }
        return caller.IsGroupAdmin ? subsidiary : caller.TenantId;
    }

    /// <summary>Share of <paramref name="part"/> in <paramref name="whole"/>, 0 when the whole is 0, to four places.</summary>
    public static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
