using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Cooperation;

/// <summary>Cooperation agreements in the caller's sight (<see cref="JointWorkAccess"/>).</summary>
public sealed class AgreementReading(ActivityDbContext db, JointWorkAccess access)
{
    public async Task<IQueryable<CooperationAgreement>> VisibleAsync(CallerScope caller, CancellationToken ct)
    {
        var sight = await access.SightAsync(caller, ct);
        var (all, tenant, alliances) = (sight.All, sight.Tenant, sight.Alliances);
        return db.Set<CooperationAgreement>().AsNoTracking().Where(a => all || a.SubsidiaryId == tenant || alliances.Contains(a.AllianceId));
    }

    /// <summary>NOT_FOUND when the agreement does not exist or the caller may not see it.</summary>
    public async Task<CooperationAgreement> FindAsync(CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var query = track ? db.Set<CooperationAgreement>() : db.Set<CooperationAgreement>().AsNoTracking();
        var agreement = await query.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw JointWorkAccess.NotFound("cooperation agreement");
        await access.EnsureSeesAsync(caller, agreement.SubsidiaryId, agreement.AllianceId, "cooperation agreement", ct);
        return agreement;
    }
}
