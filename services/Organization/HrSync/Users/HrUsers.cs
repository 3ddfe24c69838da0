using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Person = Alliance.Organization.People.Person;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Users;

/// <summary>
/// What the HR user use cases share: an HR user of the client's subsidiary (any other is NOT_FOUND), a SCIM write checked
/// and read as an employment, and its application through the one apply path into the subsidiary's daily SCIM run.
/// </summary>
public static class HrUsers
{
    const int MaxEmails = 20;
    const int MaxScimJsonLength = 64 * 1024;

    public static async Task<HrUser> FindAsync(OrganizationDbContext db, Guid tenant, string id, bool tracked, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var userId)) throw NotFound();
        var users = tracked ? db.Set<HrUser>() : db.Set<HrUser>().AsNoTracking();
        return await users.SingleOrDefaultAsync(u => u.Id == userId && u.SubsidiaryId == tenant, ct) ?? throw NotFound();
    }

    static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The user was not found."));

    public static async Task EnsureUserNameFreeAsync(OrganizationDbContext db, Guid tenant, string userName, Guid? except, CancellationToken ct)
    {
        var key = userName.Trim().ToLowerInvariant();
        if (await db.Set<HrUser>().AnyAsync(u => u.SubsidiaryId == tenant && u.UserNameKey == key && u.Id != except, ct))
            throw HrSyncRequests.UserNameTaken();
    }

    /// <summary>
    /// The write through the apply path (<see cref="HrEmployeeSync"/>) into the subsidiary's daily SCIM run, saved, then
    /// counted in the run.
    /// </summary>
    public static async Task<HrApplyResult> ApplyAsync(OrganizationDbContext db, TimeProvider clock, Guid tenant, HrUser? user,
        HrEmployment employment, C.HrUserWrite request, CancellationToken ct)
    {
        var runs = new HrSyncRunLedger(db, clock);
        var runId = await runs.DailyRunAsync(tenant, HrSyncRun.ScimSource, ct);
        var result = await new HrEmployeeSync(db, clock).ApplyAsync(tenant, user, employment, HrTime(request, clock), runId, ct);
        await HrSyncRequests.SaveAsync(db, ct);
        await runs.CountAsync(runId, [result.Outcome], [], ct);
        return result;
    }

    /// <summary>HR's time of a SCIM write: what the gateway read (meta.lastModified, else the request time); the service's clock if none.</summary>
    static DateTimeOffset HrTime(C.HrUserWrite request, TimeProvider clock) => request.HrUpdatedAt is { } t ? t.ToDateTimeOffset() : clock.GetUtcNow();

    public static HrEmployment Validate(C.HrUserWrite r)
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

    /// <summary>An optional field of a contract message: its value if set, else null.</summary>
    public static string? O(bool has, string value) => has ? value : null;

    static void Max(FieldErrors errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) errors.Add(field, $"must be at most {max} characters.");
    }
}
