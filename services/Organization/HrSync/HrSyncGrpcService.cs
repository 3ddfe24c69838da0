using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Organization.Data;
using Alliance.Organization.People;
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

namespace Alliance.Organization.HrSync;

/// <summary>
/// alliance.organization.v1.HrSyncService. HR users and groups are reached only by an HR client (role hr-client) and
/// only in its subsidiary; another subsidiary's records are NOT_FOUND. An HR user is matched to a person by employee
/// number, else by the externalId of an earlier HR record, else a new employee person is registered. HR owns the
/// person's name and employee number; membership, roles and lists are never touched here.
/// </summary>
public sealed partial class HrSyncGrpcService(OrganizationDbContext db, TimeProvider clock, IServiceScopeFactory scopes, ILogger<HrSyncGrpcService> logger) : Alliance.Contracts.Organization.V1.HrSyncService.HrSyncServiceBase
{
    public const int DefaultCount = 100;
    public const int MaxCount = 500;
    const int MaxEmails = 20;
    const int MaxScimJsonLength = 64 * 1024;

    // ---- HR client credentials (administrators) ----

    public override async Task<C.CreateHrClientResponse> CreateHrClient(C.CreateHrClientRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Required("name", request.Name, HrClientCredential.MaxNameLength).Id("subsidiaryId", request.SubsidiaryId).ThrowIfAny();
        caller.EnsureAdmin("create an HR client");
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var ct = context.CancellationToken;
        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct))
            throw FieldErrors.Single("subsidiaryId", "The subsidiary was not found.", StatusCode.NotFound);
        var (client, secret) = HrClientCredential.Issue(subsidiaryId, request.Name, caller.UserId ?? caller.Role, clock.GetUtcNow());
        db.Add(client);
        await db.SaveChangesAsync(ct);
        return new C.CreateHrClientResponse { Client = ToContract(client), Secret = secret };
    }

    public override async Task<C.ListHrClientsResponse> ListHrClients(C.ListHrClientsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false).ThrowIfAny();
        caller.EnsureAdmin("see HR clients");
        var query = db.Set<HrClientCredential>().AsNoTracking();
        if (!caller.IsGroupAdmin) query = query.Where(c => c.SubsidiaryId == caller.TenantId);
        if (Guid.TryParse(request.SubsidiaryId, out var subsidiaryId)) query = query.Where(c => c.SubsidiaryId == subsidiaryId);
        if (!request.IncludeRevoked) query = query.Where(c => c.RevokedAt == null);
        var items = await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Take(500).ToListAsync(context.CancellationToken);
        var response = new C.ListHrClientsResponse();
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }

    public override async Task<C.HrClient> RevokeHrClient(C.RevokeHrClientRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        var ct = context.CancellationToken;
        var client = await db.Set<HrClientCredential>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null || !caller.CanAccess(client.SubsidiaryId)) throw new RpcException(new Status(StatusCode.NotFound, "The HR client was not found."));
        caller.EnsureAdmin("revoke an HR client");
        client.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToContract(client);
    }

    public override async Task<C.HrClient> VerifyHrClient(C.VerifyHrClientRequest request, ServerCallContext context)
    {
        var hash = request.SecretSha256?.Trim().ToLowerInvariant() ?? "";
        if (hash.Length != 64) throw new RpcException(new Status(StatusCode.NotFound, "No such HR client."));
        var client = await db.Set<HrClientCredential>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.SecretSha256 == hash && c.RevokedAt == null, context.CancellationToken);
        return client is null ? throw new RpcException(new Status(StatusCode.NotFound, "No such HR client.")) : ToContract(client);
    }

    // ---- HR users ----

    public override async Task<C.HrUser> CreateHrUser(C.HrUserWrite request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var employment = Validate(request);
        var ct = context.CancellationToken;
        // One connection for the call's statements (not one from the pool per statement). A taken userName is found by
        // the unique index when saving (SaveAsync), which writes nothing then: no look-up of its own beforehand.
        await db.Database.OpenConnectionAsync(ct);
        var runs = new HrSyncRunLedger(db, clock);
        var runId = await runs.DailyRunAsync(tenant, HrSyncRun.ScimSource, ct);
        var result = await new HrEmployeeSync(db, clock).ApplyAsync(tenant, null, employment, HrTime(request), runId, ct);
        await SaveAsync(ct);
        await runs.CountAsync(runId, [result.Outcome], [], ct);
        return ToContract(result.User!);
    }

    public override async Task<C.HrUser> GetHrUser(C.GetHrResourceRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var user = await FindUserAsync(tenant, request.Id, tracked: false, context.CancellationToken);
        return ToContract(user);
    }

    /// <summary>A replace older than the stored record by HR's time (hr_updated_at) is ignored and the stored record answered.</summary>
    public override async Task<C.HrUser> ReplaceHrUser(C.HrUserWrite request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var employment = Validate(request);
        var ct = context.CancellationToken;
        var user = await FindUserAsync(tenant, request.Id, tracked: true, ct);
        EnsureExpectedVersion(request.ExpectedVersion, user.Version, "HR user");
        if (!string.Equals(user.UserName, employment.UserName.Trim(), StringComparison.OrdinalIgnoreCase))
            await EnsureUserNameFreeAsync(tenant, employment.UserName, user.Id, ct);
        var runs = new HrSyncRunLedger(db, clock);
        var runId = await runs.DailyRunAsync(tenant, HrSyncRun.ScimSource, ct);
        var result = await new HrEmployeeSync(db, clock).ApplyAsync(tenant, user, employment, HrTime(request), runId, ct);
        await SaveAsync(ct);
        await runs.CountAsync(runId, [result.Outcome], [], ct);
        return ToContract(user);
    }

    /// <summary>HR's time of a SCIM write: what the gateway read (meta.lastModified, else the request time); the service's clock if none.</summary>
    DateTimeOffset HrTime(C.HrUserWrite request) => request.HrUpdatedAt is { } t ? t.ToDateTimeOffset() : clock.GetUtcNow();

    public override async Task<C.DeleteHrResourceResponse> DeleteHrUser(C.DeleteHrResourceRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var ct = context.CancellationToken;
        var user = await FindUserAsync(tenant, request.Id, tracked: true, ct);
        EnsureExpectedVersion(request.ExpectedVersion, user.Version, "HR user");
        var now = clock.GetUtcNow();
        user.Delete(now);
        db.RemoveRange(await db.Set<HrGroupMember>().Where(m => m.MemberId == user.Id).ToListAsync(ct));
        db.AddIntegrationEvent(new PersonLeftInHr(Guid.CreateVersion7(), tenant, now, user.PersonId, user.Id, "deleted"));
        await SaveAsync(ct);
        return new C.DeleteHrResourceResponse();
    }

    public override async Task<C.ListHrUsersResponse> ListHrUsers(C.ListHrResourcesRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var (skip, take) = Window(request);
        IQueryable<HrUser> query;
        if (request.Filter is { } filter)
        {
            var (sql, parameters) = HrFilterSql.ForUsers(filter);
            // Only HrFilterSql's fixed column names and operators are in the text; every value is a parameter.
            var text = "SELECT * FROM hr_users WHERE " + sql;
            query = db.Set<HrUser>().FromSqlRaw(text, parameters.Cast<object>().ToArray());
        }
        else query = db.Set<HrUser>();
        query = query.AsNoTracking().Where(u => u.SubsidiaryId == tenant);
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        var items = take == 0 ? [] : await query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(skip).Take(take).ToListAsync(ct);
        var response = new C.ListHrUsersResponse { Total = total };
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }

    // ---- HR groups ----

    public override async Task<C.HrGroup> CreateHrGroup(C.HrGroupWrite request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        ValidateGroup(request);
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var group = HrGroup.Create(tenant, request.DisplayName, request.HasExternalId ? request.ExternalId : null, now);
        var members = await ResolveMembersAsync(tenant, group.Id, request.MemberIds, ct);
        db.Add(group);
        db.AddRange(members.Select(m => new HrGroupMember { GroupId = group.Id, MemberId = m.Key, MemberType = m.Value }));
        await SaveAsync(ct);
        return await LoadGroupAsync(group.Id, withMembers: true, ct);
    }

    public override async Task<C.HrGroup> GetHrGroup(C.GetHrResourceRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var ct = context.CancellationToken;
        var group = await FindGroupAsync(tenant, request.Id, ct);
        return await LoadGroupAsync(group.Id, withMembers: true, ct);
    }

    public override Task<C.HrGroup> ReplaceHrGroup(C.HrGroupWrite request, ServerCallContext context)
    {
        ValidateGroup(request);
        return ChangeGroupAsync(context, request.Id, request.ExpectedVersion, (group, members, ct) =>
        {
            group.Rename(request.DisplayName);
            group.SetExternalId(request.HasExternalId ? request.ExternalId : null);
            members.Clear();
            foreach (var id in request.MemberIds) members.Add(id);
            return Task.CompletedTask;
        });
    }

    public override Task<C.HrGroup> PatchHrGroup(C.PatchHrGroupRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        if (request.HasDisplayName) errors.Required("displayName", request.DisplayName, HrGroup.MaxDisplayNameLength);
        if (request.HasExternalId && request.ExternalId.Length > HrUser.MaxTextLength) errors.Add("externalId", $"must be at most {HrUser.MaxTextLength} characters.");
        if (request.MemberChanges.Any(c => c.Kind == C.MemberChange.Types.Kind.Unspecified)) errors.Add("memberChanges", "every change needs a kind.");
        errors.ThrowIfAny();
        return ChangeGroupAsync(context, request.Id, request.ExpectedVersion, (group, members, ct) =>
        {
            if (request.HasDisplayName) group.Rename(request.DisplayName);
            if (request.HasExternalId) group.SetExternalId(request.ExternalId);
            foreach (var change in request.MemberChanges)
            {
                switch (change.Kind)
                {
                    case C.MemberChange.Types.Kind.Add:
                        foreach (var id in change.MemberIds) members.Add(id);
                        break;
                    case C.MemberChange.Types.Kind.Remove:
                        foreach (var id in change.MemberIds) members.Remove(id);
                        break;
                    case C.MemberChange.Types.Kind.RemoveAll:
                        members.Clear();
                        break;
                    case C.MemberChange.Types.Kind.ReplaceAll:
                        members.Clear();
                        foreach (var id in change.MemberIds) members.Add(id);
                        break;
                }
            }
            return Task.CompletedTask;
        });
    }

    public override async Task<C.DeleteHrResourceResponse> DeleteHrGroup(C.DeleteHrResourceRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var ct = context.CancellationToken;
        var group = await FindGroupAsync(tenant, request.Id, ct);
        EnsureExpectedVersion(request.ExpectedVersion, group.Version, "HR group");
        db.RemoveRange(await db.Set<HrGroupMember>().Where(m => m.MemberId == group.Id || m.GroupId == group.Id).ToListAsync(ct));
        db.Remove(group);
        await SaveAsync(ct);
        return new C.DeleteHrResourceResponse();
    }

    public override async Task<C.ListHrGroupsResponse> ListHrGroups(C.ListHrResourcesRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var (skip, take) = Window(request);
        IQueryable<HrGroup> query;
        if (request.Filter is { } filter)
        {
            var (sql, parameters) = HrFilterSql.ForGroups(filter);
            // Only HrFilterSql's fixed column names and operators are in the text; every value is a parameter.
            var text = "SELECT * FROM hr_groups WHERE " + sql;
            query = db.Set<HrGroup>().FromSqlRaw(text, parameters.Cast<object>().ToArray());
        }
        else query = db.Set<HrGroup>();
        query = query.AsNoTracking().Where(g => g.SubsidiaryId == tenant);
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        var groups = take == 0 ? [] : await query.OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).Skip(skip).Take(take).ToListAsync(ct);
        var response = new C.ListHrGroupsResponse { Total = total };
        var members = request.WithoutMembers ? [] : await MembersOfAsync(groups.Select(g => g.Id).ToList(), ct);
        response.Items.AddRange(groups.Select(g => ToContract(g, members.Where(m => m.GroupId == g.Id))));
        return response;
    }

    /// <summary>
    /// One change of a group's members, under a row lock of the group (SELECT … FOR UPDATE) in a transaction: two
    /// concurrent patches are applied one after the other, so neither loses the other's members.
    /// </summary>
    async Task<C.HrGroup> ChangeGroupAsync(ServerCallContext context, string id, long expectedVersion,
        Func<HrGroup, HashSet<string>, CancellationToken, Task> change)
    {
        var tenant = HrTenant(context);
        var ct = context.CancellationToken;
        if (!Guid.TryParse(id, out var groupId)) throw GroupNotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM hr_groups WHERE id = {groupId} AND subsidiary_id = {tenant} FOR UPDATE").ToListAsync(ct);
        if (locked.Count == 0) throw GroupNotFound();
        var group = await db.Set<HrGroup>().SingleAsync(g => g.Id == groupId, ct);
        EnsureExpectedVersion(expectedVersion, group.Version, "HR group");
        var stored = await db.Set<HrGroupMember>().Where(m => m.GroupId == groupId).ToListAsync(ct);
        var members = new HashSet<string>(stored.Select(m => m.MemberId.ToString()), StringComparer.OrdinalIgnoreCase);
        await change(group, members, ct);
        var wanted = await ResolveMembersAsync(tenant, groupId, members, ct);
        db.RemoveRange(stored.Where(m => !wanted.ContainsKey(m.MemberId)));
        var storedIds = stored.Select(m => m.MemberId).ToHashSet();
        db.AddRange(wanted.Where(w => !storedIds.Contains(w.Key)).Select(w => new HrGroupMember { GroupId = groupId, MemberId = w.Key, MemberType = w.Value }));
        group.Touch(clock.GetUtcNow());
        await SaveAsync(ct);
        await transaction.CommitAsync(ct);
        return await LoadGroupAsync(groupId, withMembers: true, ct);
    }

    /// <summary>The members by id with their type; an id that is no HR user or group of the subsidiary is InvalidArgument naming it.</summary>
    async Task<Dictionary<Guid, string>> ResolveMembersAsync(Guid tenant, Guid groupId, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = new HashSet<Guid>();
        var unknown = new List<string>();
        foreach (var raw in ids)
        {
            if (Guid.TryParse(raw, out var id)) wanted.Add(id);
            else unknown.Add(raw);
        }
        if (wanted.Contains(groupId)) throw FieldErrors.Single("members", "A group cannot be a member of itself.");
        var users = await db.Set<HrUser>().Where(u => u.SubsidiaryId == tenant && wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var groups = await db.Set<HrGroup>().Where(g => g.SubsidiaryId == tenant && wanted.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        var result = users.ToDictionary(u => u, _ => "User");
        foreach (var g in groups) result[g] = "Group";
        unknown.AddRange(wanted.Where(w => !result.ContainsKey(w)).Select(w => w.ToString()));
        if (unknown.Count > 0)
            throw FieldErrors.Single("members", $"No user or group with the id {string.Join(", ", unknown.Take(20).Select(u => $"\"{u}\""))}.");
        return result;
    }

    async Task<C.HrGroup> LoadGroupAsync(Guid id, bool withMembers, CancellationToken ct)
    {
        var group = await db.Set<HrGroup>().AsNoTracking().SingleAsync(g => g.Id == id, ct);
        var members = withMembers ? await MembersOfAsync([id], ct) : [];
        return ToContract(group, members);
    }

    sealed record MemberRow(Guid GroupId, Guid MemberId, string MemberType, string Display);

    async Task<List<MemberRow>> MembersOfAsync(List<Guid> groupIds, CancellationToken ct)
    {
        if (groupIds.Count == 0) return [];
        var users = await (from m in db.Set<HrGroupMember>().AsNoTracking()
                           join u in db.Set<HrUser>() on m.MemberId equals u.Id
                           where groupIds.Contains(m.GroupId)
                           select new MemberRow(m.GroupId, m.MemberId, "User", u.DisplayName ?? u.UserName)).ToListAsync(ct);
        var groups = await (from m in db.Set<HrGroupMember>().AsNoTracking()
                            join g in db.Set<HrGroup>() on m.MemberId equals g.Id
                            where groupIds.Contains(m.GroupId)
                            select new MemberRow(m.GroupId, m.MemberId, "Group", g.DisplayName)).ToListAsync(ct);
        return [.. users, .. groups];
    }

    async Task<HrGroup> FindGroupAsync(Guid tenant, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var groupId)) throw GroupNotFound();
        return await db.Set<HrGroup>().SingleOrDefaultAsync(g => g.Id == groupId && g.SubsidiaryId == tenant, ct) ?? throw GroupNotFound();
    }

    static RpcException GroupNotFound() => new(new Status(StatusCode.NotFound, "The group was not found."));

    static void ValidateGroup(C.HrGroupWrite request)
    {
        var errors = new FieldErrors().Required("displayName", request.DisplayName, HrGroup.MaxDisplayNameLength);
        if (request.HasExternalId && request.ExternalId.Length > HrUser.MaxTextLength) errors.Add("externalId", $"must be at most {HrUser.MaxTextLength} characters.");
        errors.ThrowIfAny();
    }

    // ---- helpers ----

    static Guid HrTenant(ServerCallContext context)
    {
        if (context.UserRole != Roles.HrClient || !Guid.TryParse(context.TenantId, out var tenant))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only an HR client may call this."));
        return tenant;
    }

    async Task<HrUser> FindUserAsync(Guid tenant, string id, bool tracked, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var userId)) throw UserNotFound();
        var users = tracked ? db.Set<HrUser>() : db.Set<HrUser>().AsNoTracking();
        return await users.SingleOrDefaultAsync(u => u.Id == userId && u.SubsidiaryId == tenant, ct) ?? throw UserNotFound();
    }

    static RpcException UserNotFound() => new(new Status(StatusCode.NotFound, "The user was not found."));

    async Task EnsureUserNameFreeAsync(Guid tenant, string userName, Guid? except, CancellationToken ct)
    {
        var key = userName.Trim().ToLowerInvariant();
        if (await db.Set<HrUser>().AnyAsync(u => u.SubsidiaryId == tenant && u.UserNameKey == key && u.Id != except, ct))
            throw UserNameTaken();
    }

    static RpcException UserNameTaken() => FieldErrors.Single("userName", "Another user already has this userName.", StatusCode.AlreadyExists);

    async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale("record");
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex, HrUserConfiguration.UserNameIndex))
        {
            throw UserNameTaken();
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw Stale("record");
        }
    }

    static (int Skip, int Take) Window(C.ListHrResourcesRequest request)
    {
        var start = Math.Max(1, request.StartIndex);
        var count = request.Count < 0 ? 0 : request.Count == 0 && request.StartIndex == 0 ? DefaultCount : Math.Min(request.Count, MaxCount);
        return (start - 1, count);
    }

    static HrEmployment Validate(C.HrUserWrite r)
    {
        var errors = new FieldErrors().Required("userName", r.UserName, HrUser.MaxUserNameLength);
        Max(errors, "externalId", r.HasExternalId ? r.ExternalId : null, HrUser.MaxTextLength);
        Max(errors, "employeeNumber", r.HasEmployeeNumber ? r.EmployeeNumber : null, Person.MaxEmployeeNumberLength);
        Max(errors, "displayName", r.HasDisplayName ? r.DisplayName : null, HrUser.MaxTextLength);
        Max(errors, "name.familyName", r.HasFamilyName ? r.FamilyName : null, HrUser.MaxTextLength);
        Max(errors, "name.givenName", r.HasGivenName ? r.GivenName : null, HrUser.MaxTextLength);
        Max(errors, "title", r.HasTitle ? r.Title : null, HrUser.MaxTextLength);
        Max(errors, "department", r.HasDepartment ? r.Department : null, HrUser.MaxTextLength);
        Max(errors, "organization", r.HasOrganization ? r.Organization : null, HrUser.MaxTextLength);
        Max(errors, "manager", r.HasManagerId ? r.ManagerId : null, HrUser.MaxTextLength);
        if (r.Emails.Count > MaxEmails) errors.Add("emails", $"at most {MaxEmails} addresses.");
        for (var i = 0; i < r.Emails.Count; i++) errors.Required($"emails[{i}].value", r.Emails[i].Value, 254);
        if (r.ScimJson.Length > MaxScimJsonLength) errors.Add("scimJson", $"must be at most {MaxScimJsonLength} characters.");
        errors.ThrowIfAny();
        return new HrEmployment(r.UserName, O(r.HasExternalId, r.ExternalId), O(r.HasEmployeeNumber, r.EmployeeNumber), r.Active,
            O(r.HasDisplayName, r.DisplayName), O(r.HasFamilyName, r.FamilyName), O(r.HasGivenName, r.GivenName), O(r.HasTitle, r.Title),
            O(r.HasDepartment, r.Department), O(r.HasOrganization, r.Organization), O(r.HasManagerId, r.ManagerId),
            r.Emails.Select(e => new HrEmailAddress(e.Value.Trim(), e.Type ?? "", e.Primary)).ToList(),
            string.IsNullOrWhiteSpace(r.ScimJson) ? "{}" : r.ScimJson);
    }

    static string? O(bool has, string value) => has ? value : null;

    static void Max(FieldErrors errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) errors.Add(field, $"must be at most {max} characters.");
    }

    static C.HrClient ToContract(HrClientCredential c)
    {
        var result = new C.HrClient
        {
            Id = c.Id.ToString(), Name = c.Name, SubsidiaryId = c.SubsidiaryId.ToString(),
            CreatedAt = Timestamp.FromDateTimeOffset(c.CreatedAt), CreatedBy = c.CreatedBy,
        };
        if (c.RevokedAt is { } revoked) result.RevokedAt = Timestamp.FromDateTimeOffset(revoked);
        return result;
    }

    static C.HrUser ToContract(HrUser u)
    {
        var result = new C.HrUser
        {
            Id = u.Id.ToString(), UserName = u.UserName, Active = u.Active, ScimJson = u.ScimJson, PersonId = u.PersonId.ToString(),
            Version = u.Version, CreatedAt = Timestamp.FromDateTimeOffset(u.CreatedAt), LastModified = Timestamp.FromDateTimeOffset(u.LastModified),
        };
        if (u.ExternalId is { } e) result.ExternalId = e;
        if (u.EmployeeNumber is { } n) result.EmployeeNumber = n;
        if (u.DisplayName is { } d) result.DisplayName = d;
        if (u.FamilyName is { } f) result.FamilyName = f;
        if (u.GivenName is { } g) result.GivenName = g;
        if (u.Title is { } t) result.Title = t;
        if (u.Department is { } dep) result.Department = dep;
        if (u.Organization is { } o) result.Organization = o;
        if (u.ManagerId is { } m) result.ManagerId = m;
        if (u.HrUpdatedAt is { } hrTime) result.HrUpdatedAt = Timestamp.FromDateTimeOffset(hrTime);
        result.Emails.AddRange(u.Employment.Emails.Select(x => new C.HrEmail { Value = x.Value, Type = x.Type, Primary = x.Primary }));
        return result;
    }

    static C.HrGroup ToContract(HrGroup g, IEnumerable<MemberRow> members)
    {
        var result = new C.HrGroup
        {
            Id = g.Id.ToString(), DisplayName = g.DisplayName, Version = g.Version,
            CreatedAt = Timestamp.FromDateTimeOffset(g.CreatedAt), LastModified = Timestamp.FromDateTimeOffset(g.LastModified),
        };
        if (g.ExternalId is { } e) result.ExternalId = e;
        result.Members.AddRange(members.OrderBy(m => m.MemberId).Select(m => new C.HrGroupMember { Value = m.MemberId.ToString(), Type = m.MemberType, Display = m.Display }));
        return result;
    }
}
