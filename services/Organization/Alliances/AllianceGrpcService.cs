using static Alliance.Organization.Common.PageRequests;
using Alliance.Organization.Common;
using static Alliance.Organization.Common.ClientRequests;
using Alliance.Contracts.Events;
using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Alliances.UnitRequests;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.Alliances;

/// <summary>
/// alliance.organization.v1.AllianceService. An alliance is visible to the subsidiaries of its lead and current member
/// units, and to partners of its current external units (others get NOT_FOUND; <see cref="AllianceScope"/>); only administrators of the lead unit's subsidiary (or the group) change it.
/// </summary>
public sealed class AllianceGrpcService(OrganizationDbContext db, TimeProvider clock) : Alliance.Contracts.Organization.V1.AllianceService.AllianceServiceBase
{
    public override async Task<C.PartyAlliance> FormAlliance(C.FormAllianceRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors()
            .Required("name", request.Name, PartyAlliance.MaxNameLength)
            .Required("theme", request.Theme, PartyAlliance.MaxThemeLength)
            .Id("leadOrganizationId", request.LeadOrganizationId)
            .Date("formedOn", request.FormedOn)
            .Optional("plan", request.Plan, PartyAlliance.MaxPlanLength)
            .ThrowIfAny();
        caller.EnsureAdmin("form an alliance");
        var ct = context.CancellationToken;
        var lead = await db.FindOrganizationAsync(caller, "leadOrganizationId", request.LeadOrganizationId, inCallerScope: true, ct);

        var requestKey = ClientRequestKey("form-alliance", lead.SubsidiaryId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadContractAsync(earlier, ct);

        var now = clock.GetUtcNow();
        var alliance = PartyAlliance.Form(request.Name, request.Theme, request.Plan, lead.Id, lead.SubsidiaryId, lead.Name, ParseDate(request.FormedOn), now);
        db.Add(alliance);
        db.RememberClientRequest(requestKey, alliance.Id, now);
        db.AddIntegrationEvent(new AllianceFormed(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, now,
            alliance.Id, alliance.Name, alliance.Theme, lead.Id, alliance.LeadMemberUnitId, lead.Name));
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner)
            return await LoadContractAsync(winner, ct);
        return ToContract(alliance);
    }

    [PartnerAccess]
    public override async Task<C.PartyAlliance> GetAlliance(C.GetAllianceRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        var alliance = await Visible(caller).AsNoTracking().Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw NotFound();
        return ToContract(alliance);
    }

    [PartnerAccess]
    public override async Task<C.ListAlliancesResponse> ListAlliances(C.ListAlliancesRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false);
        if (!AllianceSorts.Contains(request.Sort ?? "")) errors.Add("sort", $"must be one of: {string.Join(", ", AllianceSorts.Where(s => s != ""))}.");
        errors.ThrowIfAny();
        var (page, pageSize) = Paging(request.Page, request.PageSize);
        var query = Visible(caller).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var search = request.Search.Trim();
            query = query.Where(a => a.Name.Contains(search));
        }
        if (!string.IsNullOrWhiteSpace(request.Theme))
        {
            var theme = request.Theme.Trim();
            query = query.Where(a => a.Theme == theme);
        }
        if (!string.IsNullOrWhiteSpace(request.SubsidiaryId))
        {
            var subsidiaryId = Guid.Parse(request.SubsidiaryId);
            query = query.Where(a => a.LeadSubsidiaryId == subsidiaryId || a.Members.Any(m => m.SubsidiaryId == subsidiaryId && m.LeftOn == null));
        }
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        IOrderedQueryable<PartyAlliance> ordered = request.Sort switch
        {
            "-name" => query.OrderByDescending(a => a.Name),
            "created" => query.OrderBy(a => a.CreatedAt),
            "-created" => query.OrderByDescending(a => a.CreatedAt),
            _ => query.OrderBy(a => a.Name),
        };
        var items = await ordered.ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).Include(a => a.Members).AsSplitQuery().ToListAsync(ct);
        var response = new C.ListAlliancesResponse { Total = total };
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }

    static readonly string[] AllianceSorts = ["", "name", "-name", "created", "-created"];

    public override Task<C.PartyAlliance> ReviseAlliance(C.ReviseAllianceRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.Id, request.ExpectedVersion,
            errors => errors
                .Required("name", request.Name, PartyAlliance.MaxNameLength)
                .Required("theme", request.Theme, PartyAlliance.MaxThemeLength)
                .Optional("plan", request.Plan, PartyAlliance.MaxPlanLength),
            (alliance, _, _) =>
            {
                alliance.Revise(request.Name, request.Theme, request.Plan);
                db.AddIntegrationEvent(new AllianceRevised(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, clock.GetUtcNow(), alliance.Id, alliance.Name, alliance.Theme));
                return Task.CompletedTask;
            });

    public override async Task<C.PartyAlliance> JoinAlliance(C.JoinAllianceRequest request, ServerCallContext context)
    {
        var requestKey = Guid.TryParse(request.AllianceId, out var allianceId) ? ClientRequestKey("join-alliance", allianceId, request.ClientRequestId) : null;
        // A retry of a join that already happened answers with the alliance as it is, whatever version it names.
        if (await db.FindClientRequestAsync(requestKey, context.CancellationToken) is not null)
            return ToContract(await Visible(CallerScope.From(context)).AsNoTracking().Include(a => a.Members)
                .SingleOrDefaultAsync(a => a.Id == allianceId, context.CancellationToken) ?? throw NotFound());
        return await ChangeAsync(context, request.AllianceId, request.ExpectedVersion,
            errors => errors.Unit("unit", request.Unit).Date("joinedOn", request.JoinedOn),
            async (alliance, caller, ct) =>
            {
                var now = clock.GetUtcNow();
                var joinedOn = ParseDate(request.JoinedOn);
                AllianceMemberUnit member;
                if (request.Unit.KindCase == C.Unit.KindOneofCase.OrganizationId)
                {
                    // Alliances cross subsidiaries by design: the lead may bring in a unit of any subsidiary of the group.
                    var organization = await db.FindOrganizationAsync(caller, "unit.organizationId", request.Unit.OrganizationId, inCallerScope: false, ct);
                    member = alliance.JoinInternal(organization.Id, organization.SubsidiaryId, organization.Name, joinedOn, now);
                }
                else
                {
                    member = alliance.JoinExternal(ToExternal(request.Unit.External), joinedOn, now);
                }
                db.RememberClientRequest(requestKey, member.Id, now);
                db.AddIntegrationEvent(new UnitJoinedAlliance(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, now,
                    alliance.Id, member.Id, member.OrganizationId, member.SubsidiaryId, member.Name, member.JoinedOn));
            });
    }

    public override Task<C.PartyAlliance> LeaveAlliance(C.LeaveAllianceRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.AllianceId, request.ExpectedVersion,
            errors => errors.Id("memberUnitId", request.MemberUnitId).Date("leftOn", request.LeftOn),
            (alliance, _, _) =>
            {
                var member = alliance.Leave(Guid.Parse(request.MemberUnitId), ParseDate(request.LeftOn));
                db.AddIntegrationEvent(new UnitLeftAlliance(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, clock.GetUtcNow(),
                    alliance.Id, member.Id, member.LeftOn!.Value));
                return Task.CompletedTask;
            });

    public override Task<C.PartyAlliance> FormTemporaryBranch(C.FormTemporaryBranchRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.AllianceId, request.ExpectedVersion,
            errors =>
            {
                errors.Id("organizationId", request.OrganizationId);
                if (request.MemberUnitIds.Any(id => !Guid.TryParse(id, out _))) errors.Add("memberUnitIds", "holds an id that is not valid.");
                return errors;
            },
            async (alliance, caller, ct) =>
            {
                var branch = await db.FindOrganizationAsync(caller, "organizationId", request.OrganizationId, inCallerScope: true, ct);
                if (branch.Kind != OrganizationKind.Branch)
                    throw FieldErrors.Single("organizationId", "A temporary branch must be a party branch (党支部).", StatusCode.FailedPrecondition);
                var units = request.MemberUnitIds.Select(Guid.Parse).ToList();
                alliance.FormTemporaryBranch(branch.Id, units);
                db.AddIntegrationEvent(new TemporaryBranchFormed(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, clock.GetUtcNow(), alliance.Id, branch.Id, units));
            });

    public override Task<C.PartyAlliance> ScheduleRotation(C.ScheduleRotationRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.AllianceId, request.ExpectedVersion,
            errors =>
            {
                if (request.Order.Count == 0) errors.Add("order", "is required: the member units in turn.");
                else if (request.Order.Any(id => !Guid.TryParse(id, out _))) errors.Add("order", "holds an id that is not valid.");
                if (request.PeriodMonths is < 1 or > PartyAlliance.MaxPeriodMonths) errors.Add("periodMonths", $"must be between 1 and {PartyAlliance.MaxPeriodMonths}.");
                return errors.Date("startsOn", request.StartsOn);
            },
            (alliance, _, _) =>
            {
                var order = request.Order.Select(Guid.Parse).ToList();
                alliance.ScheduleRotation(order, ParseDate(request.StartsOn), request.PeriodMonths);
                db.AddIntegrationEvent(new RotationScheduled(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, clock.GetUtcNow(),
                    alliance.Id, order, alliance.RotationStartsOn!.Value, alliance.RotationPeriodMonths));
                return Task.CompletedTask;
            });

    /// <summary>Validate, load the alliance in the caller's sight, check who may change it and the version, apply, save with its events.</summary>
    async Task<C.PartyAlliance> ChangeAsync(ServerCallContext context, string id, long expectedVersion,
        Func<FieldErrors, FieldErrors> validate, Func<PartyAlliance, CallerScope, CancellationToken, Task> change)
    {
        var caller = CallerScope.From(context);
        validate(new FieldErrors().Id("id", id)).ThrowIfAny();
        var ct = context.CancellationToken;
        var allianceId = Guid.Parse(id);
        var alliance = await Visible(caller).Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == allianceId, ct) ?? throw NotFound();
        caller.EnsureAdmin("change an alliance");
        if (!caller.CanAccess(alliance.LeadSubsidiaryId))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only administrators of the lead unit's subsidiary may change the alliance."));
        EnsureExpectedVersion(expectedVersion, alliance.Version, "alliance");
        try
        {
            await change(alliance, caller, ct);
        }
        catch (AllianceRuleException ex)
        {
            throw Rule(ex);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale("alliance");
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw Stale("alliance");
        }
        return ToContract(alliance);
    }

    IQueryable<PartyAlliance> Visible(CallerScope caller) => AllianceScope.Visible(db, caller);

    static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The alliance was not found."));

    async Task<C.PartyAlliance> LoadContractAsync(Guid id, CancellationToken ct) =>
        ToContract(await db.Set<PartyAlliance>().AsNoTracking().Include(a => a.Members).SingleAsync(a => a.Id == id, ct));

    C.PartyAlliance ToContract(PartyAlliance a)
    {
        var result = new C.PartyAlliance
        {
            Id = a.Id.ToString(),
            Name = a.Name,
            Theme = a.Theme,
            Plan = a.Plan,
            LeadOrganizationId = a.LeadOrganizationId.ToString(),
            LeadSubsidiaryId = a.LeadSubsidiaryId.ToString(),
            CreatedAt = Timestamp.FromDateTimeOffset(a.CreatedAt),
            Version = a.Version,
        };
        result.Members.AddRange(a.Members.OrderBy(m => m.JoinedOn).ThenBy(m => m.Id).Select(ToContract));
        if (a.TemporaryBranchOrganizationId is { } branch)
        {
            result.TemporaryBranch = new C.TemporaryBranch { OrganizationId = branch.ToString() };
            result.TemporaryBranch.MemberUnitIds.AddRange(a.TemporaryBranchUnitIds.Select(u => u.ToString()));
        }
        if (a.RotationStartsOn is { } startsOn)
        {
            var outlook = a.RotationOn(Today(clock));
            var rotation = new C.Rotation { StartsOn = Format(startsOn), PeriodMonths = a.RotationPeriodMonths };
            rotation.Order.AddRange(a.RotationOrder.Select(u => u.ToString()));
            if (outlook.Current is { } current) rotation.Current = ToContract(current);
            if (outlook.Next is { } next) rotation.Next = ToContract(next);
            rotation.Upcoming.AddRange(outlook.Upcoming.Select(ToContract));
            result.Rotation = rotation;
        }
        return result;
    }

    static C.MemberUnit ToContract(AllianceMemberUnit m)
    {
        var result = new C.MemberUnit { Id = m.Id.ToString(), Name = m.Name, JoinedOn = Format(m.JoinedOn) };
        if (m.OrganizationId is { } organization) result.OrganizationId = organization.ToString();
        if (m.SubsidiaryId is { } subsidiary) result.SubsidiaryId = subsidiary.ToString();
        if (m.External is { } external) result.External = UnitRequests.ToContract(external);
        if (m.LeftOn is { } left) result.LeftOn = Format(left);
        return result;
    }

    static C.RotationPeriod ToContract(RotationPeriod p) =>
        new() { MemberUnitId = p.MemberUnitId.ToString(), StartsOn = Format(p.StartsOn), EndsOn = Format(p.EndsOn) };
}
