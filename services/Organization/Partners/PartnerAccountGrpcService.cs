using Alliance.Organization.Alliances;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Common.ClientRequests;
using static Alliance.Organization.Common.PageRequests;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.Partners;

/// <summary>
/// alliance.organization.v1.PartnerAccountService. An administrator of an alliance's lead subsidiary (or the group) gives a
/// person of one of its external member units an account, lists the accounts of the units of the alliances they see,
/// and revokes them; the partner reads their own. Who reaches which alliance is <see cref="AllianceScope"/>'s rule.
/// </summary>
public sealed class PartnerAccountGrpcService(OrganizationDbContext db, TimeProvider clock) : C.PartnerAccountService.PartnerAccountServiceBase
{
    public override async Task<C.PartnerAccount> CreatePartnerAccount(C.CreatePartnerAccountRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors()
            .Id("allianceId", request.AllianceId)
            .Id("memberUnitId", request.MemberUnitId)
            .Required("userName", request.UserName, PartnerAccount.MaxUserNameLength)
            .Required("displayName", request.DisplayName, PartnerAccount.MaxDisplayNameLength);
        if (request.UserName.Any(char.IsWhiteSpace) && !string.IsNullOrWhiteSpace(request.UserName)) errors.Add("userName", "must not contain spaces.");
        if (request.Phone.Trim().Length > PartnerAccount.MaxPhoneLength) errors.Add("phone", $"must be at most {PartnerAccount.MaxPhoneLength} characters.");
        errors.ThrowIfAny();
        caller.EnsureAdmin("give a partner an account");
        var ct = context.CancellationToken;
        var allianceId = Guid.Parse(request.AllianceId);
        var alliance = await AllianceScope.Visible(db, caller).AsNoTracking().Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == allianceId, ct)
            ?? throw FieldErrors.Single("allianceId", "The alliance was not found.", StatusCode.NotFound);
        if (!AllianceScope.MayChange(caller, alliance))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only administrators of the alliance's lead subsidiary may give its partners accounts."));
        var memberUnitId = Guid.Parse(request.MemberUnitId);
        var unit = alliance.Members.SingleOrDefault(m => m.Id == memberUnitId)
            ?? throw FieldErrors.Single("memberUnitId", "The alliance has no such member unit.", StatusCode.NotFound);
        if (unit.External is not { } external)
            throw FieldErrors.Single("memberUnitId", "Partner accounts are for external units; people of the group sign in with their own roles.", StatusCode.FailedPrecondition);
        if (!unit.IsCurrent)
            throw FieldErrors.Single("memberUnitId", "The unit has left the alliance.", StatusCode.FailedPrecondition);

        var requestKey = ClientRequestKey("create-partner-account", alliance.Id, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadContractAsync(caller, earlier, ct);
        var now = clock.GetUtcNow();
        var account = PartnerAccount.Create(request.UserName, request.DisplayName, request.Phone, external, caller.UserId ?? caller.Role, now);
        db.Add(account);
        db.RememberClientRequest(requestKey, account.Id, now);
        if (await db.SaveCreateAsync(requestKey, ct, () => FieldErrors.Single("userName", "already has an active partner account.", StatusCode.AlreadyExists)) is { } winner)
            return await LoadContractAsync(caller, winner, ct);
        return (await ToContractsAsync(caller, [account], ct))[0];
    }

    public override async Task<C.ListPartnerAccountsResponse> ListPartnerAccounts(C.ListPartnerAccountsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("allianceId", request.AllianceId, required: false).ThrowIfAny();
        caller.EnsureAdmin("list partner accounts");
        var (page, pageSize) = Paging(request.Page, request.PageSize);
        var ct = context.CancellationToken;
        var query = Reachable(caller, string.IsNullOrWhiteSpace(request.AllianceId) ? null : Guid.Parse(request.AllianceId));
        if (!request.IncludeRevoked) query = query.Where(p => p.RevokedAt == null);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var search = request.Search.Trim();
            query = query.Where(p => p.UserName.Contains(search) || p.DisplayName.Contains(search) || p.UnitName.Contains(search));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var response = new C.ListPartnerAccountsResponse { Total = total };
        response.Items.AddRange(await ToContractsAsync(caller, items, ct));
        return response;
    }

    public override async Task<C.PartnerAccount> RevokePartnerAccount(C.RevokePartnerAccountRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).Required("reason", request.Reason, PartnerAccount.MaxReasonLength).ThrowIfAny();
        caller.EnsureAdmin("revoke a partner account");
        var ct = context.CancellationToken;
        var id = Guid.Parse(request.Id);
        var account = await Reachable(caller, null).SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw NotFound();
        if (!caller.IsGroupAdmin && !await LedByCallerAsync(caller, account, ct))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only administrators of a lead subsidiary of the unit's alliances may revoke the account."));
        if (!account.Revoke(caller.UserId ?? caller.Role, request.Reason, clock.GetUtcNow()))
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "The account was revoked already."));
        await db.SaveChangesAsync(ct);
        return (await ToContractsAsync(caller, [account], ct))[0];
    }

    [PartnerAccess]
    public override async Task<C.PartnerAccount> GetMyPartnerAccount(C.GetMyPartnerAccountRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        if (!caller.IsPartner) throw new RpcException(new Status(StatusCode.FailedPrecondition, "Only a partner has a partner account."));
        var ct = context.CancellationToken;
        var account = await db.Set<PartnerAccount>().AsNoTracking().SingleOrDefaultAsync(p => p.UserName == caller.UserId && p.RevokedAt == null, ct)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "You have no active partner account."));
        return (await ToContractsAsync(caller, [account], ct))[0];
    }

    /// <summary>Accounts of units that are current external members of an alliance the caller sees (of one, if named).</summary>
    IQueryable<PartnerAccount> Reachable(CallerScope caller, Guid? allianceId)
    {
        var accounts = db.Set<PartnerAccount>().AsQueryable();
        if (caller.IsGroupAdmin && allianceId is null) return accounts;
        var alliances = AllianceScope.Visible(db, caller);
        if (allianceId is { } only) alliances = alliances.Where(a => a.Id == only);
        return accounts.Where(p => alliances.Any(a => a.Members.Any(m => m.LeftOn == null && m.ExternalKind == p.UnitKind && m.Name == p.UnitName)));
    }

    Task<bool> LedByCallerAsync(CallerScope caller, PartnerAccount account, CancellationToken ct) =>
        AllianceScope.Visible(db, caller).AnyAsync(a => a.LeadSubsidiaryId == caller.TenantId && caller.Role == Contracts.Roles.SubsidiaryAdmin &&
            a.Members.Any(m => m.LeftOn == null && m.ExternalKind == account.UnitKind && m.Name == account.UnitName), ct);

    async Task<C.PartnerAccount> LoadContractAsync(CallerScope caller, Guid id, CancellationToken ct) =>
        (await ToContractsAsync(caller, [await db.Set<PartnerAccount>().AsNoTracking().SingleAsync(p => p.Id == id, ct)], ct))[0];

    /// <summary>The accounts with the alliances each unit is a current member of, among those the caller sees.</summary>
    async Task<List<C.PartnerAccount>> ToContractsAsync(CallerScope caller, IReadOnlyList<PartnerAccount> accounts, CancellationToken ct)
    {
        var names = accounts.Select(a => a.UnitName).Distinct().ToList();
        var memberships = await AllianceScope.Visible(db, caller).SelectMany(a => a.Members)
            .Where(m => m.LeftOn == null && m.ExternalKind != null && names.Contains(m.Name))
            .Select(m => new { m.AllianceId, m.ExternalKind, m.Name }).Distinct().ToListAsync(ct);
        return accounts.Select(a =>
        {
            var contract = new C.PartnerAccount
            {
                Id = a.Id.ToString(),
                UserName = a.UserName,
                DisplayName = a.DisplayName,
                UnitKind = UnitRequests.ToContract(a.UnitKind),
                UnitName = a.UnitName,
                Phone = a.Phone,
                CreatedBy = a.CreatedBy,
                CreatedAt = Timestamp.FromDateTimeOffset(a.CreatedAt),
                RevokedBy = a.RevokedBy ?? "",
                RevokeReason = a.RevokeReason ?? "",
            };
            if (a.RevokedAt is { } revoked) contract.RevokedAt = Timestamp.FromDateTimeOffset(revoked);
            contract.AllianceIds.AddRange(memberships.Where(m => m.ExternalKind == a.UnitKind && m.Name == a.UnitName)
                .Select(m => m.AllianceId.ToString()).OrderBy(id => id));
            return contract;
        }).ToList();
    }

    static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The partner account was not found."));
}
