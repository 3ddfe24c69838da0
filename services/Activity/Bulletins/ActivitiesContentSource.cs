using Alliance.Activity.Activities;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Bulletins;

/// <summary>
/// The bulletin's "activities" section: the activities held in the month (their start within it on the group's
/// calendar), of the alliance, or of the whole group; with their hosts and the typed joint measure as the entry's measure.
/// </summary>
public sealed class ActivitiesContentSource(ActivityDbContext db) : IBulletinContentSource
{
    public string Section => BulletinSections.Activities;

    public async Task<IReadOnlyList<BulletinEntry>> EntriesAsync(BulletinScope scope, MeetingPeriod month, CancellationToken cancellationToken)
    {
        var (from, to) = (month.StartsAt.ToUniversalTime(), month.EndsAt.ToUniversalTime());
        var query = db.Activities.AsNoTracking().Include(a => a.Hosts).Where(a => a.Status == ActivityStatus.Held && a.StartsAt >= from && a.StartsAt < to);
        if (scope.AllianceId is { } alliance) query = query.Where(a => a.AllianceId == alliance);
        var held = await query.OrderBy(a => a.StartsAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return held.Select(a =>
        {
            var hosts = string.Join("、", a.Hosts.OrderBy(h => h.Position).Select(h => h.Name));
            var first = a.Hosts.OrderBy(h => h.Position).FirstOrDefault();
            return new BulletinEntry(Section, a.Id, a.StartsAt, a.Title, a.Title,
                DetailZh: $"{hosts}于{GroupCalendar.DayOf(a.StartsAt):M月d日}在{a.VenueName ?? a.VenueAddress}举办。{a.OutcomeNotes}".Trim(),
                DetailEn: $"Held on {GroupCalendar.DayOf(a.StartsAt):yyyy-MM-dd} by {hosts} at {a.VenueName ?? a.VenueAddress}.",
                OrganizationId: first?.OrganizationId);
        }).ToList();
    }
}
