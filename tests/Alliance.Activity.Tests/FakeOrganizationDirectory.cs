using Alliance.Activity.Common;
using Alliance.Activity.OrganizationLife;
using Alliance.ServiceDefaults.Security;

namespace Alliance.Activity.Tests;

/// <summary>
/// The organization service as the activity service sees it, kept in memory: organizations, alliances, pairings and
/// service centers, with the organization service's visibility rules reduced to what the activity tests need (a group
/// admin sees everything; others their subsidiary's organizations and centers, the alliances their subsidiary leads or
/// has a current member unit in, and the pairings it is a side of).
/// </summary>
public sealed class FakeOrganizationDirectory : IOrganizationDirectory
{
    public Dictionary<Guid, OrganizationFacts> Organizations { get; } = [];
    public Dictionary<Guid, AllianceFacts> Alliances { get; } = [];
    public Dictionary<Guid, PairingFacts> Pairings { get; } = [];
    public Dictionary<Guid, (ServiceCenterFacts Center, Guid SubsidiaryId)> ServiceCenters { get; } = [];
    public Dictionary<Guid, PersonFacts> People { get; } = [];

    /// <summary>Sign-in names linked to people (ADR 39): a user is their person only inside the person's subsidiary.</summary>
    public Dictionary<string, Guid> LinkedPeople { get; } = [];

    /// <summary>Partner accounts by user name: display name and the external unit's name (kinds are not kept here).</summary>
    public Dictionary<string, (string DisplayName, string UnitName)> Partners { get; } = [];

    /// <summary>How often a partner's unit was asked for, to see it is asked once per call.</summary>
    public int PartnerUnitCalls { get; private set; }

    public PersonFacts AddPerson(OrganizationFacts organization, string name)
    {
        var person = new PersonFacts(Guid.NewGuid(), organization.SubsidiaryId, name, organization.Id);
        People[person.Id] = person;
        return person;
    }

    /// <summary>Each organization's parent, for subtrees; organizations are listed in the order they were added.</summary>
    public Dictionary<Guid, Guid?> Parents { get; } = [];

    public OrganizationFacts AddOrganization(Guid subsidiaryId, string name, bool active = true,
        PartyOrganizationKind? kind = PartyOrganizationKind.Branch, OrganizationFacts? parent = null)
    {
        var organization = new OrganizationFacts(Guid.NewGuid(), subsidiaryId, name, active, kind);
        Organizations[organization.Id] = organization;
        Parents[organization.Id] = parent?.Id;
        return organization;
    }

    public AllianceFacts AddAlliance(string name, params OrganizationFacts[] internalUnits) => AddAlliance(name, internalUnits, []);

    public AllianceFacts AddAlliance(string name, OrganizationFacts[] internalUnits, string[] externalUnits)
    {
        var members = internalUnits.Select(o => new MemberUnitFacts(Guid.NewGuid(), o.Id, o.SubsidiaryId, o.Name, Current: true))
            .Concat(externalUnits.Select(n => new MemberUnitFacts(Guid.NewGuid(), null, null, n, Current: true))).ToList();
        var alliance = new AllianceFacts(Guid.NewGuid(), name, internalUnits[0].SubsidiaryId, members);
        Alliances[alliance.Id] = alliance;
        return alliance;
    }

    public void Leave(AllianceFacts alliance, Guid memberUnitId) =>
        Alliances[alliance.Id] = alliance with { Members = alliance.Members.Select(m => m.Id == memberUnitId ? m with { Current = false } : m).ToList() };

    public PairingFacts AddPairing(string title, OrganizationFacts first, string externalSecond)
    {
        var pairing = new PairingFacts(Guid.NewGuid(), title, false,
            [new PairingPartyFacts(first.Id, first.SubsidiaryId, first.Name), new PairingPartyFacts(null, null, externalSecond)]);
        Pairings[pairing.Id] = pairing;
        return pairing;
    }

    public ServiceCenterFacts AddServiceCenter(Guid subsidiaryId, string name, bool open = true)
    {
        var center = new ServiceCenterFacts(Guid.NewGuid(), name, "城东路 1 号", open);
        ServiceCenters[center.Id] = (center, subsidiaryId);
        return center;
    }

    public Task<OrganizationFacts?> FindOrganizationAsync(CallerScope caller, Guid id, CancellationToken ct) =>
        Task.FromResult(Organizations.TryGetValue(id, out var o) && caller.CanAccess(o.SubsidiaryId) ? o : null);

    public Task<AllianceFacts?> FindAllianceAsync(CallerScope caller, Guid id, CancellationToken ct) =>
        Task.FromResult(Alliances.TryGetValue(id, out var a) && TakesPart(caller, a) ? a : null);

    public Task<PairingFacts?> FindPairingAsync(CallerScope caller, Guid id, CancellationToken ct) =>
        Task.FromResult(Pairings.TryGetValue(id, out var p) && (caller.IsGroupAdmin || p.Parties.Any(x => x.SubsidiaryId == caller.TenantId)) ? p : null);

    public Task<ServiceCenterFacts?> FindServiceCenterAsync(CallerScope caller, Guid id, CancellationToken ct) =>
        Task.FromResult(ServiceCenters.TryGetValue(id, out var c) && caller.CanAccess(c.SubsidiaryId) ? c.Center : null);

    public Task<PersonFacts?> FindPersonAsync(CallerScope caller, Guid id, CancellationToken ct) =>
        Task.FromResult(People.TryGetValue(id, out var p) && caller.CanAccess(p.SubsidiaryId) ? p : null);

    public Task<PersonFacts?> MyPersonAsync(CallerScope caller, CancellationToken ct) =>
        Task.FromResult(!caller.IsPartner && caller.UserId is { } user && LinkedPeople.TryGetValue(user, out var id) && People.TryGetValue(id, out var p)
            && caller.CanAccess(p.SubsidiaryId) ? p : null);

    public Task<int?> CountMembersAsync(CallerScope caller, Guid organizationId, Guid subsidiaryId, CancellationToken ct) =>
        Task.FromResult<int?>(caller.CanAccess(subsidiaryId) ? People.Values.Count(p => p.OrganizationId == organizationId) : null);

    public Task<IReadOnlyList<Guid>> AlliancesOfAsync(CallerScope caller, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Guid>>(Alliances.Values.Where(a => TakesPart(caller, a)).Select(a => a.Id).ToList());

    public Task<IReadOnlyList<OrganizationFacts>> OrganizationsOfAsync(CallerScope caller, Guid subsidiaryId, Guid? subtreeOf, CancellationToken ct)
    {
        if (!caller.CanAccess(subsidiaryId)) throw new RpcException(new Status(StatusCode.NotFound, "The subsidiary was not found."));
        bool Under(Guid id) => id == subtreeOf || (Parents.GetValueOrDefault(id) is { } parent && Under(parent));
        return Task.FromResult<IReadOnlyList<OrganizationFacts>>(Organizations.Values
            .Where(o => o.SubsidiaryId == subsidiaryId && o.Active && (subtreeOf is null || Under(o.Id))).ToList());
    }

    public Task<IReadOnlyList<Guid>> SubsidiariesAsync(CallerScope caller, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Guid>>(Organizations.Values.Select(o => o.SubsidiaryId).Distinct().Where(caller.CanAccess).ToList());

    public Task<PartnerUnitFacts?> PartnerUnitAsync(CallerScope caller, CancellationToken ct)
    {
        PartnerUnitCalls++;
        if (!caller.IsPartner || !Partners.TryGetValue(caller.UserId!, out var account)) return Task.FromResult<PartnerUnitFacts?>(null);
        var alliances = Alliances.Values.Where(a => TakesPart(caller, a)).ToList();
        return Task.FromResult<PartnerUnitFacts?>(new PartnerUnitFacts(account.DisplayName, account.UnitName, alliances.Select(a => a.Id).ToList(),
            alliances.SelectMany(a => a.Members).Where(m => m.External && m.Current && m.Name == account.UnitName).Select(m => m.Id).ToList()));
    }

    bool TakesPart(CallerScope caller, AllianceFacts alliance) => caller.IsPartner
        ? Partners.TryGetValue(caller.UserId ?? "", out var account) && alliance.Members.Any(m => m.External && m.Current && m.Name == account.UnitName)
        : caller.IsGroupAdmin || alliance.LeadSubsidiaryId == caller.TenantId || alliance.Members.Any(m => m.Current && m.SubsidiaryId == caller.TenantId);
}
