using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Bulletins;

/// <summary>The bulletin's "nominations" section: the people and units nominated as outstanding for the month in the scope and accepted.</summary>
public sealed class NominationContentSource(ActivityDbContext db) : IBulletinContentSource
{
    public string Section => BulletinSections.Nominations;

    public async Task<IReadOnlyList<BulletinEntry>> EntriesAsync(BulletinScope scope, MeetingPeriod month, CancellationToken cancellationToken)
    {
        var accepted = await db.Nominations.AsNoTracking()
            .Where(n => n.State == NominationState.Accepted && n.Month == month.FirstDay && n.AllianceId == scope.AllianceId)
            .OrderBy(n => n.ReviewedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        return accepted.Select(n => new BulletinEntry(Section, n.Id, n.ReviewedAt ?? n.NominatedAt,
            n.NomineeName, n.NomineeName, n.ReasonZh, n.ReasonEn.Length > 0 ? n.ReasonEn : n.ReasonZh, n.OrganizationId)).ToList();
    }
}
