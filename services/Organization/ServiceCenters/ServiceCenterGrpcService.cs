using static Alliance.Organization.Common.PageRequests;
using Alliance.Contracts.Events;
using Alliance.Organization.Alliances;
using Alliance.Organization.Common;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Search;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Alliances.UnitRequests;
using static Alliance.Organization.Common.ClientRequests;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.ServiceCenters;

/// <summary>
/// alliance.organization.v1.ServiceCenterService. A center is visible to its owner's subsidiary and, read only, to the
/// subsidiaries of the alliances it is shared with today or later (others get NOT_FOUND); only administrators of its
/// subsidiary (or the group) change it.
/// </summary>
public sealed class ServiceCenterGrpcService(OrganizationDbContext db, TimeProvider clock) : Alliance.Contracts.Organization.V1.ServiceCenterService.ServiceCenterServiceBase
{
    static readonly string[] Sorts = ["", "name", "-name", "capacity", "-capacity", "created", "-created"];

    public override async Task<C.ServiceCenter> OpenServiceCenter(C.OpenServiceCenterRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("ownerOrganizationId", request.OwnerOrganizationId).Details(request.Details).ThrowIfAny();
        caller.EnsureAdmin("open a service center");
        var ct = context.CancellationToken;
        var owner = await db.FindOrganizationAsync(caller, "ownerOrganizationId", request.OwnerOrganizationId, inCallerScope: true, ct);

        var requestKey = ClientRequestKey("open-service-center", owner.SubsidiaryId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadContractAsync(earlier, ct);

        var now = clock.GetUtcNow();
        ServiceCenter center;
        try
        {
            center = ServiceCenter.Open(ToDetails(request.Details), owner.Id, owner.SubsidiaryId, owner.Name, now);
        }
        catch (AllianceRuleException ex)
        {
            throw Rule(ex);
        }
        db.Add(center);
        db.RememberClientRequest(requestKey, center.Id, now);
        db.AddIntegrationEvent(new ServiceCenterOpened(Guid.CreateVersion7(), center.SubsidiaryId, now,
            center.Id, owner.Id, center.Name, center.Address, center.Capacity));
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner)
            return await LoadContractAsync(winner, ct);
        return ToContract(center);
    }

    public override async Task<C.ServiceCenter> GetServiceCenter(C.GetServiceCenterRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        var center = await Visible(caller).AsNoTracking().Include(c => c.Shares).SingleOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw NotFound();
        return ToContract(center);
    }

    public override async Task<C.ListServiceCentersResponse> ListServiceCenters(C.ListServiceCentersRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors()
            .Id("subsidiaryId", request.SubsidiaryId, required: false)
            .Id("ownerOrganizationId", request.OwnerOrganizationId, required: false)
            .Id("allianceId", request.AllianceId, required: false);
        if (!Sorts.Contains(request.Sort ?? "")) errors.Add("sort", $"must be one of: {string.Join(", ", Sorts.Where(s => s != ""))}.");
        if (request.MinCapacity < 0) errors.Add("minCapacity", "must not be negative.");
        errors.ThrowIfAny();
        var (page, pageSize) = Paging(request.Page, request.PageSize);
        var query = Visible(caller).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            // Part of the name, or of its pinyin or initials ("dqfw" finds 党群服务中心).
            var name = Like.Containing(request.Search.Trim());
            var pinyin = NameSearchKey.Normalize(request.Search) is { } key ? Like.Containing(key) : null;
            query = pinyin is null
                ? query.Where(c => EF.Functions.Like(c.Name, name, Like.Escape))
                : query.Where(c => EF.Functions.Like(c.Name, name, Like.Escape) || EF.Functions.Like(c.NameSearch!, pinyin, Like.Escape));
        }
        if (!string.IsNullOrWhiteSpace(request.SubsidiaryId))
        {
            var subsidiaryId = Guid.Parse(request.SubsidiaryId);
            query = query.Where(c => c.SubsidiaryId == subsidiaryId);
        }
        if (!string.IsNullOrWhiteSpace(request.OwnerOrganizationId))
        {
            var ownerId = Guid.Parse(request.OwnerOrganizationId);
            query = query.Where(c => c.OwnerOrganizationId == ownerId);
        }
        if (!string.IsNullOrWhiteSpace(request.AllianceId))
        {
            var allianceId = Guid.Parse(request.AllianceId);
            var today = Today(clock);
            query = query.Where(c => c.Shares.Any(s => s.AllianceId == allianceId && (s.SharedUntil == null || s.SharedUntil >= today)));
        }
        query = request.Status switch
        {
            C.ServiceCenterStatus.Open => query.Where(c => c.Status == ServiceCenterStatus.Open),
            C.ServiceCenterStatus.Closed => query.Where(c => c.Status == ServiceCenterStatus.Closed),
            _ => query,
        };
        if (request.MinCapacity > 0) query = query.Where(c => c.Capacity >= request.MinCapacity);
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        IOrderedQueryable<ServiceCenter> ordered = request.Sort switch
        {
            "-name" => query.OrderByDescending(c => c.Name),
            "capacity" => query.OrderBy(c => c.Capacity),
            "-capacity" => query.OrderByDescending(c => c.Capacity),
            "created" => query.OrderBy(c => c.CreatedAt),
            "-created" => query.OrderByDescending(c => c.CreatedAt),
            _ => query.OrderBy(c => c.Name),
        };
        var items = await ordered.ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize).Include(c => c.Shares).AsSplitQuery().ToListAsync(ct);
        var response = new C.ListServiceCentersResponse { Total = total };
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }

    public override Task<C.ServiceCenter> ReviseServiceCenter(C.ReviseServiceCenterRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.Id, request.ExpectedVersion,
            errors => errors.Details(request.Details),
            (center, _) =>
            {
                var now = clock.GetUtcNow();
                center.Revise(ToDetails(request.Details), now);
                db.AddIntegrationEvent(new ServiceCenterRevised(Guid.CreateVersion7(), center.SubsidiaryId, now, center.Id, center.Name, center.Address, center.Capacity));
                return Task.CompletedTask;
            });

    public override Task<C.ServiceCenter> CloseServiceCenter(C.CloseServiceCenterRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.Id, request.ExpectedVersion,
            errors => errors.Date("closedOn", request.ClosedOn).Optional("reason", request.Reason, ServiceCenter.MaxCloseReasonLength),
            (center, _) =>
            {
                var now = clock.GetUtcNow();
                center.Close(ParseDate(request.ClosedOn), request.Reason, now);
                db.AddIntegrationEvent(new ServiceCenterClosed(Guid.CreateVersion7(), center.SubsidiaryId, now, center.Id, center.ClosedOn!.Value, center.CloseReason));
                return Task.CompletedTask;
            });

    public override Task<C.ServiceCenter> ShareWithAlliance(C.ShareWithAllianceRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.Id, request.ExpectedVersion,
            errors =>
            {
                errors.Id("allianceId", request.AllianceId).Date("sharedFrom", request.SharedFrom).Date("sharedUntil", request.SharedUntil, required: false);
                if (TryParseDate(request.SharedFrom, out var from) && TryParseDate(request.SharedUntil, out var until) && until < from)
                    errors.Add("sharedUntil", "must not be before the first shared day.");
                return errors;
            },
            async (center, ct) =>
            {
                var allianceId = Guid.Parse(request.AllianceId);
                var alliance = await db.Set<PartyAlliance>().AsNoTracking().Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == allianceId, ct);
                // An alliance the center's subsidiary takes no part in is reported as missing, so its existence does not leak.
                if (alliance is null || !alliance.VisibleTo().Contains(center.SubsidiaryId))
                    throw FieldErrors.Single("allianceId", "No alliance with that id that the service center's subsidiary takes part in.", StatusCode.NotFound);
                var now = clock.GetUtcNow();
                var share = center.ShareWith(alliance.Id, alliance.Name, ParseDate(request.SharedFrom),
                    string.IsNullOrWhiteSpace(request.SharedUntil) ? null : ParseDate(request.SharedUntil), now);
                db.AddIntegrationEvent(new ServiceCenterSharedWithAlliance(Guid.CreateVersion7(), center.SubsidiaryId, now,
                    center.Id, alliance.Id, share.SharedFrom, share.SharedUntil));
            });

    public override Task<C.ServiceCenter> StopSharing(C.StopSharingRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.Id, request.ExpectedVersion,
            errors => errors.Id("allianceId", request.AllianceId).Date("sharedUntil", request.SharedUntil),
            (center, _) =>
            {
                var now = clock.GetUtcNow();
                var share = center.StopSharing(Guid.Parse(request.AllianceId), ParseDate(request.SharedUntil), now);
                db.AddIntegrationEvent(new ServiceCenterSharingStopped(Guid.CreateVersion7(), center.SubsidiaryId, now,
                    center.Id, share.AllianceId, share.SharedUntil!.Value));
                return Task.CompletedTask;
            });

    /// <summary>Validate, load the center in the caller's sight, check who may change it and the version, apply, save with its events.</summary>
    async Task<C.ServiceCenter> ChangeAsync(ServerCallContext context, string id, long expectedVersion,
        Func<FieldErrors, FieldErrors> validate, Func<ServiceCenter, CancellationToken, Task> change)
    {
        var caller = CallerScope.From(context);
        validate(new FieldErrors().Id("id", id)).ThrowIfAny();
        var ct = context.CancellationToken;
        var centerId = Guid.Parse(id);
        var center = await Visible(caller).Include(c => c.Shares).SingleOrDefaultAsync(c => c.Id == centerId, ct) ?? throw NotFound();
        caller.EnsureAdmin("change a service center");
        if (!caller.CanAccess(center.SubsidiaryId))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only administrators of the owner's subsidiary may change the service center."));
        EnsureExpectedVersion(expectedVersion, center.Version, "service center");
        try
        {
            await change(center, ct);
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
            throw Stale("service center");
        }
        return ToContract(center);
    }

    /// <summary>
    /// The centers of the caller's subsidiary, and those shared (today or later) with an alliance the subsidiary leads
    /// or has a current member unit in.
    /// </summary>
    IQueryable<ServiceCenter> Visible(CallerScope caller)
    {
        var centers = db.Set<ServiceCenter>();
        if (caller.IsGroupAdmin) return centers;
        var tenant = caller.TenantId;
        var today = Today(clock);
        var alliances = db.Set<PartyAlliance>()
            .Where(a => a.LeadSubsidiaryId == tenant || a.Members.Any(m => m.SubsidiaryId == tenant && m.LeftOn == null))
            .Select(a => a.Id);
        return centers.Where(c => c.SubsidiaryId == tenant
            || c.Shares.Any(s => (s.SharedUntil == null || s.SharedUntil >= today) && alliances.Contains(s.AllianceId)));
    }

    static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The service center was not found."));

    static ServiceCenterDetails ToDetails(C.ServiceCenterDetails d) =>
        new(d.Name, d.Address, d.Capacity, d.ContactName, d.ContactPhone, d.OpeningHours, d.Facilities);

    async Task<C.ServiceCenter> LoadContractAsync(Guid id, CancellationToken ct) =>
        ToContract(await db.Set<ServiceCenter>().AsNoTracking().Include(c => c.Shares).SingleAsync(c => c.Id == id, ct));

    static C.ServiceCenter ToContract(ServiceCenter c)
    {
        var result = new C.ServiceCenter
        {
            Id = c.Id.ToString(),
            Name = c.Name,
            Address = c.Address,
            Capacity = c.Capacity,
            OwnerOrganizationId = c.OwnerOrganizationId.ToString(),
            OwnerName = c.OwnerName,
            SubsidiaryId = c.SubsidiaryId.ToString(),
            ContactName = c.ContactName ?? "",
            ContactPhone = c.ContactPhone ?? "",
            OpeningHours = c.OpeningHours ?? "",
            Facilities = c.Facilities ?? "",
            Status = c.IsOpen ? C.ServiceCenterStatus.Open : C.ServiceCenterStatus.Closed,
            CloseReason = c.CloseReason ?? "",
            CreatedAt = Timestamp.FromDateTimeOffset(c.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(c.UpdatedAt),
            Version = c.Version,
        };
        if (c.ClosedOn is { } closed) result.ClosedOn = Format(closed);
        result.Shares.AddRange(c.Shares.OrderBy(s => s.SharedFrom).ThenBy(s => s.Id).Select(s =>
        {
            var share = new C.ServiceCenterShare { AllianceId = s.AllianceId.ToString(), AllianceName = s.AllianceName, SharedFrom = Format(s.SharedFrom) };
            if (s.SharedUntil is { } until) share.SharedUntil = Format(until);
            return share;
        }));
        return result;
    }
}

internal static class ServiceCenterValidation
{
    public static FieldErrors Details(this FieldErrors errors, C.ServiceCenterDetails? details)
    {
        if (details is null) return errors.Add("details", "is required.");
        errors.Required("name", details.Name, ServiceCenterDetails.MaxNameLength)
            .Required("address", details.Address, ServiceCenterDetails.MaxAddressLength)
            .Optional("contactName", details.ContactName, ServiceCenterDetails.MaxContactLength)
            .Optional("contactPhone", details.ContactPhone, ServiceCenterDetails.MaxContactLength)
            .Optional("openingHours", details.OpeningHours, ServiceCenterDetails.MaxOpeningHoursLength)
            .Optional("facilities", details.Facilities, ServiceCenterDetails.MaxFacilitiesLength);
        if (details.Capacity is < 1 or > ServiceCenterDetails.MaxCapacity)
            errors.Add("capacity", $"must be between 1 and {ServiceCenterDetails.MaxCapacity}.");
        return errors;
    }
}
