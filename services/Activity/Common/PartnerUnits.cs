using Alliance.ServiceDefaults.Security;

namespace Alliance.Activity.Common;

/// <summary>
/// The calling partner's unit, asked of the organization service once per call (this is scoped to the call) however
/// many rules need it; null for a partner without an active account and for every caller who is no partner.
/// </summary>
public sealed class PartnerUnits(IOrganizationDirectory directory)
{
    Task<PartnerUnitFacts?>? _unit;

    public Task<PartnerUnitFacts?> OfAsync(CallerScope caller, CancellationToken ct) =>
        caller.IsPartner ? _unit ??= directory.PartnerUnitAsync(caller, ct) : Task.FromResult<PartnerUnitFacts?>(null);
}
