using Alliance.Activity.Bulletins;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Lists;

/// <summary>
/// The bulletin's "problems resolved" section: the problems of the scope (an alliance, or every alliance) resolved in the
/// month, oldest first, each with its unit and outcome, and the offer whose match resolved it.
/// </summary>
public sealed class ProblemsResolvedBulletin(ActivityDbContext db) : IBulletinContentSource
{
    public string Section => BulletinSections.ProblemsResolved;

    public async Task<IReadOnlyList<BulletinEntry>> EntriesAsync(BulletinScope scope, MeetingPeriod month, CancellationToken cancellationToken)
    {
        var (from, to) = (month.StartsAt.ToUniversalTime(), month.EndsAt.ToUniversalTime());
        var problems = db.Set<Problem>().AsNoTracking().Where(p => p.State == ProblemState.Resolved && p.ResolvedAt >= from && p.ResolvedAt < to);
        if (scope.AllianceId is { } alliance) problems = problems.Where(p => p.AllianceId == alliance);
        var rows = await (from p in problems
                          join m in db.Set<ResourceMatch>() on p.AcceptedMatchId equals m.Id into ms
                          from m in ms.DefaultIfEmpty()
                          join o in db.Set<ResourceOffer>() on m.OfferId equals o.Id into os
                          from o in os.DefaultIfEmpty()
                          orderby p.ResolvedAt, p.Id
                          select new { p.Id, p.ResolvedAt, p.Title, p.UnitName, p.OrganizationId, p.Outcome, p.AllianceName, OfferTitle = o != null ? o.Title : null, OfferUnit = o != null ? o.UnitName : null })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new BulletinEntry(Section, r.Id, r.ResolvedAt!.Value,
            $"{r.UnitName}：{r.Title}（已解决）", $"{r.UnitName}: {r.Title} (resolved)",
            r.OfferTitle is null ? r.Outcome : $"对接资源：{r.OfferUnit}「{r.OfferTitle}」。{r.Outcome}",
            r.OfferTitle is null ? r.Outcome : $"Matched with {r.OfferUnit}'s \"{r.OfferTitle}\". {r.Outcome}",
            r.OrganizationId)).ToList();
    }
}
