using Alliance.Organization.Alliances;
using Alliance.Organization.Data;
using Alliance.Organization.HrSync;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Common.ClientRequests;
using static Alliance.Organization.Common.PageRequests;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.PersonAccounts;

/// <summary>
/// alliance.organization.v1.PersonAccountService: administrators link sign-in names to people of their subsidiary (the
/// group administrator to anyone's), list and unlink them; every internal user reads which person they are.
/// </summary>
public sealed class PersonAccountGrpcService(OrganizationDbContext db, TimeProvider clock) : C.PersonAccountService.PersonAccountServiceBase
{
    public override async Task<C.PersonAccount> LinkPersonAccount(C.LinkPersonAccountRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("personId", request.PersonId).Required("userName", request.UserName, PersonAccount.MaxUserNameLength);
        if (request.UserName.Trim().Any(char.IsWhiteSpace)) errors.Add("userName", "must not contain spaces.");
        errors.ThrowIfAny();
        caller.EnsureAdmin("link a sign-in name to a person");
        var ct = context.CancellationToken;
        var personId = Guid.Parse(request.PersonId);
        var person = await db.Set<Person>().AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.Id, p.SubsidiaryId, p.Name }).SingleOrDefaultAsync(ct);
        if (person is null || !caller.CanAccess(person.SubsidiaryId)) throw FieldErrors.Single("personId", "The person was not found.", StatusCode.NotFound);

        var requestKey = ClientRequestKey("link-person-account", person.Id, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadContractAsync(earlier, ct);
        var userName = request.UserName.Trim();
        var active = db.Set<PersonAccount>().Where(a => a.UnlinkedAt == null);
        if (await active.AnyAsync(a => a.UserName == userName, ct))
            throw FieldErrors.Single("userName", "is linked to a person already; unlink it first.", StatusCode.AlreadyExists);
        if (await active.AnyAsync(a => a.PersonId == person.Id, ct))
            throw FieldErrors.Single("personId", "The person has a sign-in name already; unlink it first.", StatusCode.AlreadyExists);
        var now = clock.GetUtcNow();
        var account = PersonAccount.Link(userName, person.Id, person.SubsidiaryId, caller.UserId ?? caller.Role, now);
        db.Add(account);
        db.RememberClientRequest(requestKey, account.Id, now);
        if (await db.SaveCreateAsync(requestKey, ct, () => FieldErrors.Single("userName", "or the person was linked at the same moment; reload.", StatusCode.AlreadyExists)) is { } winner)
            return await LoadContractAsync(winner, ct);
        return await LoadContractAsync(account.Id, ct);
    }

    public override async Task<C.PersonAccount> UnlinkPersonAccount(C.UnlinkPersonAccountRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        caller.EnsureAdmin("unlink a sign-in name");
        var ct = context.CancellationToken;
        var id = Guid.Parse(request.Id);
        var account = await db.Set<PersonAccount>().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || !caller.CanAccess(account.SubsidiaryId)) throw new RpcException(new Status(StatusCode.NotFound, "The link was not found."));
        if (!account.Unlink(caller.UserId ?? caller.Role, clock.GetUtcNow()))
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "The sign-in name was unlinked already."));
        await db.SaveChangesAsync(ct);
        return await LoadContractAsync(account.Id, ct);
    }

    public override async Task<C.ListPersonAccountsResponse> ListPersonAccounts(C.ListPersonAccountsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: !caller.IsGroupAdmin).Id("personId", request.PersonId, required: false).ThrowIfAny();
        caller.EnsureAdmin("list sign-in names");
        var ct = context.CancellationToken;
        var query = Contracts();
        if (!string.IsNullOrWhiteSpace(request.SubsidiaryId))
        {
            var subsidiaryId = Guid.Parse(request.SubsidiaryId);
            caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
            query = query.Where(x => x.Account.SubsidiaryId == subsidiaryId);
        }
        if (!string.IsNullOrWhiteSpace(request.PersonId)) query = query.Where(x => x.Account.PersonId == Guid.Parse(request.PersonId));
        if (!request.IncludeUnlinked) query = query.Where(x => x.Account.UnlinkedAt == null);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var search = request.Search.Trim();
            query = query.Where(x => x.Account.UserName.Contains(search) || x.PersonName.Contains(search));
        }
        var (page, pageSize) = Paging(request.Page, request.PageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.Account.LinkedAt).ThenBy(x => x.Account.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var response = new C.ListPersonAccountsResponse { Total = total };
        response.Items.AddRange(rows.Select(ToContract));
        return response;
    }

    public override async Task<C.MyPerson> GetMyPerson(C.GetMyPersonRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var personId = await MyPersonIdAsync(caller, ct)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "Your sign-in name is not linked to a person of your subsidiary."));
        var person = await db.Set<Person>().AsNoTracking().Include(p => p.Memberships).SingleAsync(p => p.Id == personId, ct);
        var me = new C.MyPerson { PersonId = person.Id.ToString(), Name = person.Name, SubsidiaryId = person.SubsidiaryId.ToString(), UserName = caller.UserId ?? "" };
        if (person.IsMember && person.CurrentMembership is { } membership)
        {
            me.OrganizationId = membership.OrganizationId.ToString();
            me.OrganizationName = await db.Organizations.AsNoTracking().Where(o => o.Id == membership.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        }
        return me;
    }

    /// <summary>
    /// The caller's person: the name's active link, else the employee an HR system provisioned (SCIM) under that user
    /// name in the caller's subsidiary. A link counts only inside the subsidiary the token names (ADR 39).
    /// </summary>
    async Task<Guid?> MyPersonIdAsync(CallerScope caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(caller.UserId) || caller.IsPartner) return null;
        var linked = await db.Set<PersonAccount>().AsNoTracking().Where(a => a.UserName == caller.UserId && a.UnlinkedAt == null)
            .Select(a => new { a.PersonId, a.SubsidiaryId }).SingleOrDefaultAsync(ct);
        if (linked is not null) return caller.CanAccess(linked.SubsidiaryId) ? linked.PersonId : null;
        if (caller.TenantId is not { } subsidiaryId) return null;
        var key = caller.UserId.ToLowerInvariant();
        return await db.Set<HrUser>().AsNoTracking().Where(u => u.SubsidiaryId == subsidiaryId && u.UserNameKey == key && u.DeletedAt == null && u.Active)
            .Select(u => (Guid?)u.PersonId).SingleOrDefaultAsync(ct);
    }

    sealed class Row
    {
        public PersonAccount Account { get; init; } = null!;
        public string PersonName { get; init; } = "";
    }

    IQueryable<Row> Contracts() =>
        db.Set<PersonAccount>().AsNoTracking().Join(db.Set<Person>(), a => a.PersonId, p => p.Id, (a, p) => new Row { Account = a, PersonName = p.Name });

    async Task<C.PersonAccount> LoadContractAsync(Guid id, CancellationToken ct) =>
        ToContract(await Contracts().SingleAsync(x => x.Account.Id == id, ct));

    static C.PersonAccount ToContract(Row row)
    {
        var a = row.Account;
        var contract = new C.PersonAccount
        {
            Id = a.Id.ToString(), UserName = a.UserName, PersonId = a.PersonId.ToString(), PersonName = row.PersonName,
            SubsidiaryId = a.SubsidiaryId.ToString(), LinkedBy = a.LinkedBy, LinkedAt = Timestamp.FromDateTimeOffset(a.LinkedAt),
            UnlinkedBy = a.UnlinkedBy ?? "",
        };
        if (a.UnlinkedAt is { } unlinked) contract.UnlinkedAt = Timestamp.FromDateTimeOffset(unlinked);
        return contract;
    }
}
