using System.Globalization;
using Alliance.Activity.OrganizationLife;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using O = Alliance.Contracts.Organization.V1;

namespace Alliance.Activity.Common;

/// <summary>
/// A party organization of the group as the organization service states it now; <see cref="Kind"/> is null for a party
/// group (党小组), which holds no organization life of its own.
/// </summary>
public sealed record OrganizationFacts(Guid Id, Guid SubsidiaryId, string Name, bool Active, PartyOrganizationKind? Kind = PartyOrganizationKind.Branch);

/// <summary>A member unit of an alliance: internal (OrganizationId and SubsidiaryId set) or external; current unless it left.</summary>
public sealed record MemberUnitFacts(Guid Id, Guid? OrganizationId, Guid? SubsidiaryId, string Name, bool Current)
{
    public bool External => OrganizationId is null;
}

/// <summary>A member unit's turn as the alliance's rotating secretary (轮值书记), from StartsOn to EndsOn (exclusive).</summary>
public sealed record RotationPeriodFacts(Guid MemberUnitId, DateOnly StartsOn, DateOnly EndsOn);

public sealed record AllianceFacts(Guid Id, string Name, Guid LeadSubsidiaryId, IReadOnlyList<MemberUnitFacts> Members)
{
    /// <summary>The rotating secretary schedule's current and next periods, as the organization service states them.</summary>
    public IReadOnlyList<RotationPeriodFacts> Rotation { get; init; } = [];

    /// <summary>The member unit whose turn it is on <paramref name="day"/>; null when the schedule names none.</summary>
    public MemberUnitFacts? RotatingSecretaryOn(DateOnly day) =>
        Rotation.FirstOrDefault(p => p.StartsOn <= day && day < p.EndsOn) is { } period ? Members.FirstOrDefault(m => m.Id == period.MemberUnitId) : null;
}

/// <summary>A side of a pairing; OrganizationId and SubsidiaryId are null for a party outside the group.</summary>
public sealed record PairingPartyFacts(Guid? OrganizationId, Guid? SubsidiaryId, string Name);

public sealed record PairingFacts(Guid Id, string Title, bool Ended, IReadOnlyList<PairingPartyFacts> Parties);

public sealed record ServiceCenterFacts(Guid Id, string Name, string Address, bool Open);

/// <summary>A person as the organization service states them now, with the party organization of their current membership.</summary>
public sealed record PersonFacts(Guid Id, Guid SubsidiaryId, string Name, Guid? OrganizationId);

/// <summary>
/// A signed-in partner's account as the organization service states it now: their display name, their unit (an external
/// unit, by kind and name), the alliances that unit is a current member of, and its member unit in each of them.
/// </summary>
public sealed record PartnerUnitFacts(string DisplayName, string UnitName, IReadOnlyList<Guid> AllianceIds, IReadOnlyList<Guid> MemberUnitIds);

/// <summary>
/// What the activity service asks the organization service, which owns organizations, alliances, pairings and service
/// centers (ADR 27): always as the caller, so the organization service's own visibility rules decide what the caller may
/// name. Null means not found, or not visible to the caller.
/// </summary>
public interface IOrganizationDirectory
{
    Task<OrganizationFacts?> FindOrganizationAsync(CallerScope caller, Guid id, CancellationToken ct);
    Task<AllianceFacts?> FindAllianceAsync(CallerScope caller, Guid id, CancellationToken ct);
    Task<PairingFacts?> FindPairingAsync(CallerScope caller, Guid id, CancellationToken ct);
    Task<ServiceCenterFacts?> FindServiceCenterAsync(CallerScope caller, Guid id, CancellationToken ct);

    Task<PersonFacts?> FindPersonAsync(CallerScope caller, Guid id, CancellationToken ct);

    /// <summary>The person the signed-in user is (their linked sign-in name, ADR 39); null when the name is nobody in their subsidiary.</summary>
    Task<PersonFacts?> MyPersonAsync(CallerScope caller, CancellationToken ct);

    /// <summary>How many people are current members of the organization; null when the caller may not see its subsidiary's people.</summary>
    Task<int?> CountMembersAsync(CallerScope caller, Guid organizationId, Guid subsidiaryId, CancellationToken ct);

    /// <summary>The alliances the caller's subsidiary leads or has a current member unit in.</summary>
    Task<IReadOnlyList<Guid>> AlliancesOfAsync(CallerScope caller, CancellationToken ct);

    /// <summary>The active organizations of a subsidiary, or of the subtree of one of its organizations, in tree order.</summary>
    Task<IReadOnlyList<OrganizationFacts>> OrganizationsOfAsync(CallerScope caller, Guid subsidiaryId, Guid? subtreeOf, CancellationToken ct);

    /// <summary>Every subsidiary of the group (a group administrator's question).</summary>
    Task<IReadOnlyList<Guid>> SubsidiariesAsync(CallerScope caller, CancellationToken ct);

    /// <summary>The calling partner's account and unit; null without an active account (or for a caller who is no partner).</summary>
    Task<PartnerUnitFacts?> PartnerUnitAsync(CallerScope caller, CancellationToken ct);
}

/// <summary>The organization service over gRPC (generated clients with service discovery), with the caller's metadata.</summary>
public sealed class OrganizationDirectory(
    O.SubsidiaryService.SubsidiaryServiceClient subsidiaries,
    O.OrganizationService.OrganizationServiceClient organizations,
    O.AllianceService.AllianceServiceClient alliances,
    O.PairingService.PairingServiceClient pairings,
    O.ServiceCenterService.ServiceCenterServiceClient serviceCenters,
    O.PeopleService.PeopleServiceClient people,
    O.PartnerAccountService.PartnerAccountServiceClient partners,
    O.PersonAccountService.PersonAccountServiceClient personAccounts) : IOrganizationDirectory
{
    public async Task<OrganizationFacts?> FindOrganizationAsync(CallerScope caller, Guid id, CancellationToken ct)
    {
        var o = await NotFoundAsNull(() => organizations.GetOrganizationAsync(new O.GetOrganizationRequest { Id = id.ToString() }, As(caller, ct)).ResponseAsync);
        return o is null ? null : Facts(o);
    }

    static OrganizationFacts Facts(O.Organization o) => new(Guid.Parse(o.Id), Guid.Parse(o.SubsidiaryId), o.Name, o.Status == O.OrganizationStatus.Active, o.Kind switch
    {
        O.OrganizationKind.Committee => PartyOrganizationKind.Committee,
        O.OrganizationKind.GeneralBranch => PartyOrganizationKind.GeneralBranch,
        O.OrganizationKind.Branch => PartyOrganizationKind.Branch,
        _ => null,
    });

    public async Task<IReadOnlyList<OrganizationFacts>> OrganizationsOfAsync(CallerScope caller, Guid subsidiaryId, Guid? subtreeOf, CancellationToken ct)
    {
        var items = new List<OrganizationFacts>();
        for (var page = 1; ; page++)
        {
            var request = new O.ListOrganizationsRequest { SubsidiaryId = subsidiaryId.ToString(), Page = page, PageSize = 200 };
            if (subtreeOf is { } root) request.SubtreeOf = root.ToString();
            var result = await organizations.ListOrganizationsAsync(request, As(caller, ct));
            items.AddRange(result.Items.Select(Facts));
            if (result.Items.Count == 0 || items.Count >= result.Total) return items;
        }
    }

    public async Task<IReadOnlyList<Guid>> SubsidiariesAsync(CallerScope caller, CancellationToken ct)
    {
        var ids = new List<Guid>();
        for (var page = 1; ; page++)
        {
            var result = await subsidiaries.ListSubsidiariesAsync(new O.ListSubsidiariesRequest { Page = page, PageSize = 200 }, As(caller, ct));
            ids.AddRange(result.Items.Select(s => Guid.Parse(s.Id)));
            if (result.Items.Count == 0 || ids.Count >= result.Total) return ids;
        }
    }

    public async Task<AllianceFacts?> FindAllianceAsync(CallerScope caller, Guid id, CancellationToken ct)
    {
        var a = await NotFoundAsNull(() => alliances.GetAllianceAsync(new O.GetAllianceRequest { Id = id.ToString() }, As(caller, ct)).ResponseAsync);
        return a is null ? null : new AllianceFacts(id, a.Name, Guid.Parse(a.LeadSubsidiaryId), a.Members.Select(m => new MemberUnitFacts(
            Guid.Parse(m.Id),
            m.HasOrganizationId ? Guid.Parse(m.OrganizationId) : null,
            m.HasSubsidiaryId ? Guid.Parse(m.SubsidiaryId) : null,
            m.Name,
            !m.HasLeftOn)).ToList())
        {
            Rotation = a.Rotation is null ? [] : a.Rotation.Upcoming.Concat(a.Rotation.Current is { } c ? [c] : [])
                .Select(p => new RotationPeriodFacts(Guid.Parse(p.MemberUnitId), DateOnly.Parse(p.StartsOn, CultureInfo.InvariantCulture),
                    DateOnly.Parse(p.EndsOn, CultureInfo.InvariantCulture)))
                .DistinctBy(p => p.StartsOn).OrderBy(p => p.StartsOn).ToList(),
        };
    }

    public async Task<PairingFacts?> FindPairingAsync(CallerScope caller, Guid id, CancellationToken ct)
    {
        var p = await NotFoundAsNull(() => pairings.GetPairingAsync(new O.GetPairingRequest { Id = id.ToString() }, As(caller, ct)).ResponseAsync);
        if (p is null) return null;
        static PairingPartyFacts Party(O.PairingParty party) => new(
            party.HasOrganizationId ? Guid.Parse(party.OrganizationId) : null,
            party.HasSubsidiaryId ? Guid.Parse(party.SubsidiaryId) : null,
            party.Name);
        return new PairingFacts(id, p.Agreement?.Title ?? "", p.Status == O.PairingStatus.Ended, [Party(p.First), Party(p.Second)]);
    }

    public async Task<ServiceCenterFacts?> FindServiceCenterAsync(CallerScope caller, Guid id, CancellationToken ct)
    {
        var c = await NotFoundAsNull(() => serviceCenters.GetServiceCenterAsync(new O.GetServiceCenterRequest { Id = id.ToString() }, As(caller, ct)).ResponseAsync);
        return c is null ? null : new ServiceCenterFacts(id, c.Name, c.Address, c.Status == O.ServiceCenterStatus.Open);
    }

    public async Task<PersonFacts?> FindPersonAsync(CallerScope caller, Guid id, CancellationToken ct)
    {
        var p = await NotFoundAsNull(() => people.GetPersonAsync(new O.GetPersonRequest { Id = id.ToString() }, As(caller, ct)).ResponseAsync);
        if (p is null) return null;
        Guid? organization = p.Membership is { } m && !m.HasTo && m.Status != O.MembershipStatus.TransferredOut && Guid.TryParse(m.OrganizationId, out var o) ? o : null;
        return new PersonFacts(id, Guid.Parse(p.SubsidiaryId), p.Name, organization);
    }

    public async Task<PersonFacts?> MyPersonAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsPartner) return null;
        var me = await NotFoundAsNull(() => personAccounts.GetMyPersonAsync(new O.GetMyPersonRequest(), As(caller, ct)).ResponseAsync);
        return me is null ? null : new PersonFacts(Guid.Parse(me.PersonId), Guid.Parse(me.SubsidiaryId), me.Name,
            me.OrganizationId.Length > 0 ? Guid.Parse(me.OrganizationId) : null);
    }

    public async Task<int?> CountMembersAsync(CallerScope caller, Guid organizationId, Guid subsidiaryId, CancellationToken ct)
    {
        if (!caller.CanAccess(subsidiaryId)) return null;
        var result = await NotFoundAsNull(() => people.ListPeopleAsync(new O.ListPeopleRequest
        {
            SubsidiaryId = subsidiaryId.ToString(), OrganizationId = organizationId.ToString(), Page = 1, PageSize = 1,
        }, As(caller, ct)).ResponseAsync);
        return result?.Total;
    }

    public async Task<IReadOnlyList<Guid>> AlliancesOfAsync(CallerScope caller, CancellationToken ct)
    {
        var ids = new List<Guid>();
        for (var page = 1; ; page++)
        {
            var result = await alliances.ListAlliancesAsync(new O.ListAlliancesRequest { Page = page, PageSize = 200 }, As(caller, ct));
            ids.AddRange(result.Items.Select(a => Guid.Parse(a.Id)));
            if (result.Items.Count == 0 || ids.Count >= result.Total) return ids;
        }
    }

    /// <summary>
    /// The account, then each of its alliances for the member unit that is the account's unit: external, current, of the
    /// same kind and name (the match AllianceScope makes in the organization service).
    /// </summary>
    public async Task<PartnerUnitFacts?> PartnerUnitAsync(CallerScope caller, CancellationToken ct)
    {
        if (!caller.IsPartner) return null;
        var account = await NotFoundAsNull(() => partners.GetMyPartnerAccountAsync(new O.GetMyPartnerAccountRequest(), As(caller, ct)).ResponseAsync);
        if (account is null) return null;
        var allianceIds = account.AllianceIds.Select(Guid.Parse).ToList();
        var units = new List<Guid>();
        foreach (var id in allianceIds)
        {
            var alliance = await NotFoundAsNull(() => alliances.GetAllianceAsync(new O.GetAllianceRequest { Id = id.ToString() }, As(caller, ct)).ResponseAsync);
            units.AddRange(alliance?.Members.Where(m => !m.HasLeftOn && m.External is { } e && e.Kind == account.UnitKind && m.Name == account.UnitName)
                .Select(m => Guid.Parse(m.Id)) ?? []);
        }
        return new PartnerUnitFacts(account.DisplayName, account.UnitName, allianceIds, units);
    }

    /// <summary>The caller as the gateway sent it, so the organization service scopes the answer to them.</summary>
    static CallOptions As(CallerScope caller, CancellationToken ct)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, caller.Role } };
        if (caller.TenantId is { } tenant) metadata.Add(AllianceMetadata.TenantId, tenant.ToString());
        if (caller.UserId is { } user) metadata.Add(AllianceMetadata.UserId, AllianceMetadata.EncodeText(user));
        return new CallOptions(metadata, cancellationToken: ct);
    }

    static async Task<T?> NotFoundAsNull<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
