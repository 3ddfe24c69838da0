using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync;

/// <summary>A member of an HR group as its group answers it: a user or a group, with what it displays.</summary>
public sealed record HrGroupMemberRow(Guid GroupId, Guid MemberId, string MemberType, string Display);

/// <summary>HR clients, users, groups, sync runs, record results and conflicts as the contract shows them.</summary>
public static class HrSyncMapping
{
    public static C.HrClient ToContract(HrClientCredential c)
    {
        var result = new C.HrClient
        {
            Id = c.Id.ToString(), Name = c.Name, SubsidiaryId = c.SubsidiaryId.ToString(),
            CreatedAt = Timestamp.FromDateTimeOffset(c.CreatedAt), CreatedBy = c.CreatedBy,
        };
        if (c.RevokedAt is { } revoked) result.RevokedAt = Timestamp.FromDateTimeOffset(revoked);
        return result;
    }

    public static C.HrUser ToContract(HrUser u)
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

    public static C.HrGroup ToContract(HrGroup g, IEnumerable<HrGroupMemberRow> members)
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

    /// <summary>A run; one still going lasts until now by <paramref name="clock"/>.</summary>
    public static C.HrSyncRun ToContract(HrSyncRun r, TimeProvider clock)
    {
        var end = r.FinishedAt ?? clock.GetUtcNow();
        var result = new C.HrSyncRun
        {
            Id = r.Id.ToString(), SubsidiaryId = r.SubsidiaryId.ToString(), Source = r.Source, StartedAt = Timestamp.FromDateTimeOffset(r.StartedAt),
            Status = r.Status, Total = r.Total, Processed = r.Processed, Created = r.Created, Updated = r.Updated, Deactivated = r.Deactivated,
            Unchanged = r.Unchanged, Stale = r.Stale, Conflicts = r.Conflicts, Errors = r.Errors,
            DurationMs = (long)Math.Max(0, (end - r.StartedAt).TotalMilliseconds), StartedBy = r.StartedBy,
        };
        if (r.FinishedAt is { } f) result.FinishedAt = Timestamp.FromDateTimeOffset(f);
        result.ErrorMessages.AddRange(r.ErrorMessages);
        return result;
    }

    public static C.HrConflict ToContract(HrConflict c)
    {
        var result = new C.HrConflict
        {
            Id = c.Id.ToString(), SubsidiaryId = c.SubsidiaryId.ToString(), PersonId = c.PersonId.ToString(), PersonName = c.PersonName,
            Kind = c.Kind, Details = c.Details, RaisedAt = Timestamp.FromDateTimeOffset(c.RaisedAt), Status = c.Resolved ? "resolved" : "open", Version = c.Version,
        };
        result.RoleIds.AddRange(c.RoleIds.Select(id => id.ToString()));
        if (c.SyncRunId is { } run) result.SyncRunId = run.ToString();
        if (c.ResolutionNote is { } note) result.ResolutionNote = note;
        if (c.ResolvedBy is { } by) result.ResolvedBy = by;
        if (c.ResolvedAt is { } at) result.ResolvedAt = Timestamp.FromDateTimeOffset(at);
        return result;
    }

    /// <summary>The result of one applied record (a batch's, a file row's, or a stored run row's).</summary>
    public static C.HrRecordResult Result(int row, HrApplyOutcome outcome, string? message, Guid? personId, Guid? userId, string? number, string? externalId, string? name)
    {
        var result = new C.HrRecordResult { RowNumber = row, Outcome = outcome.ToName(), Message = message ?? "", PersonId = personId?.ToString() ?? "", HrUserId = userId?.ToString() ?? "" };
        if (number is not null) result.EmployeeNumber = number;
        if (externalId is not null) result.ExternalId = externalId;
        if (name is not null) result.Name = name;
        return result;
    }
}
