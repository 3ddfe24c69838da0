using Alliance.Contracts.Events;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.People;

public sealed class PersonRegisteredConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, PersonRegistered>(db)
{
    /// <summary>Each row keeps its latest event by time (<see cref="PeopleRows.UpsertPeopleAsync"/>): a replay changes nothing, so no inbox rows.</summary>
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(PersonRegistered m, ReportingDbContext db, CancellationToken ct) =>
        PeopleRows.UpsertPeopleAsync(db, [(m.PersonId, m.TenantId, m.HoldsManagementPost, m.OccurredAt)], ct);

    /// <summary>An import's people in one statement (ADR 19).</summary>
    protected override Task HandleAsync(IReadOnlyList<PersonRegistered> messages, ReportingDbContext db, CancellationToken ct) =>
        PeopleRows.UpsertPeopleAsync(db, [.. messages.Select(m => (m.PersonId, m.TenantId, m.HoldsManagementPost, m.OccurredAt))], ct);

    protected override Task AfterCommitAsync(PersonRegistered message, CancellationToken ct) => cache.InvalidateAsync();

    protected override Task AfterCommitAsync(IReadOnlyList<PersonRegistered> messages, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class PersonUpdatedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, PersonUpdated>(db)
{
    /// <summary>Each row keeps its latest event by time (<see cref="PeopleRows.UpsertPeopleAsync"/>): a replay changes nothing, so no inbox rows.</summary>
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(PersonUpdated m, ReportingDbContext db, CancellationToken ct) =>
        PeopleRows.UpsertPeopleAsync(db, [(m.PersonId, m.TenantId, m.HoldsManagementPost, m.OccurredAt)], ct);

    protected override Task HandleAsync(IReadOnlyList<PersonUpdated> messages, ReportingDbContext db, CancellationToken ct) =>
        PeopleRows.UpsertPeopleAsync(db, [.. messages.Select(m => (m.PersonId, m.TenantId, m.HoldsManagementPost, m.OccurredAt))], ct);

    protected override Task AfterCommitAsync(PersonUpdated message, CancellationToken ct) => cache.InvalidateAsync();

    protected override Task AfterCommitAsync(IReadOnlyList<PersonUpdated> messages, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class MemberJoinedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, MemberJoined>(db)
{
    protected override Task HandleAsync(MemberJoined m, ReportingDbContext db, CancellationToken ct) =>
        PeopleRows.UpsertMemberAsync(db, m.PersonId, m.TenantId, m.OrganizationId, m.Status, m.OccurredAt, ct);

    protected override Task AfterCommitAsync(MemberJoined message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class MemberTransferredConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, MemberTransferred>(db)
{
    protected override Task HandleAsync(MemberTransferred m, ReportingDbContext db, CancellationToken ct) =>
        PeopleRows.UpsertMemberAsync(db, m.PersonId, m.TenantId, m.ToOrganizationId, status: null, m.OccurredAt, ct);

    protected override Task AfterCommitAsync(MemberTransferred message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class MemberStatusChangedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, MemberStatusChanged>(db)
{
    protected override Task HandleAsync(MemberStatusChanged m, ReportingDbContext db, CancellationToken ct) =>
        PeopleRows.UpsertMemberAsync(db, m.PersonId, m.TenantId, m.OrganizationId, m.NewStatus, m.OccurredAt, ct);

    protected override Task AfterCommitAsync(MemberStatusChanged message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class RoleAssignedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, RoleAssigned>(db)
{
    protected override async Task HandleAsync(RoleAssigned m, ReportingDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO role_views (role_id, person_id, subsidiary_id, organization_id, role, starts_on, ends_on)
            VALUES ({m.RoleId}, {m.PersonId}, {m.TenantId}, {m.OrganizationId}, {m.Role}, {m.StartsOn}, {m.EndsOn})
            ON CONFLICT (role_id) DO UPDATE SET
                starts_on = EXCLUDED.starts_on,
                ends_on = LEAST(role_views.ends_on, EXCLUDED.ends_on)
            """, ct);
    }

    protected override Task AfterCommitAsync(RoleAssigned message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class RoleEndedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, RoleEnded>(db)
{
    protected override async Task HandleAsync(RoleEnded m, ReportingDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO role_views (role_id, person_id, subsidiary_id, organization_id, role, starts_on, ends_on)
            VALUES ({m.RoleId}, {m.PersonId}, {m.TenantId}, {m.OrganizationId}, {m.Role}, NULL, {m.EndsOn})
            ON CONFLICT (role_id) DO UPDATE SET ends_on = LEAST(role_views.ends_on, EXCLUDED.ends_on)
            """, ct);
    }

    protected override Task AfterCommitAsync(RoleEnded message, CancellationToken ct) => cache.InvalidateAsync();
}

static class PeopleRows
{
    /// <summary>
    /// Each person's row as of its latest event: newer than the stored one, it replaces it. One statement for them all;
    /// a person twice in the list counts once, by its latest event (an upsert may touch a row only once per statement).
    /// </summary>
    public static Task UpsertPeopleAsync(ReportingDbContext db, IReadOnlyList<(Guid PersonId, Guid SubsidiaryId, bool HoldsManagementPost, DateTimeOffset At)> people, CancellationToken ct)
    {
        var latest = people.GroupBy(p => p.PersonId).Select(g => g.MaxBy(p => p.At)).ToList();
        Guid[] ids = [.. latest.Select(p => p.PersonId)], subsidiaries = [.. latest.Select(p => p.SubsidiaryId)];
        bool[] posts = [.. latest.Select(p => p.HoldsManagementPost)];
        DateTimeOffset[] at = [.. latest.Select(p => p.At)];
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO person_views (person_id, subsidiary_id, holds_management_post, updated_at)
            SELECT * FROM unnest({ids}, {subsidiaries}, {posts}, {at})
            ON CONFLICT (person_id) DO UPDATE SET
                holds_management_post = EXCLUDED.holds_management_post,
                updated_at = EXCLUDED.updated_at
            WHERE person_views.updated_at < EXCLUDED.updated_at
            """, ct);
    }

    /// <summary>Sets the organization (always) and the status (when given), each only if this event is newer than the one that set it.</summary>
    public static Task UpsertMemberAsync(ReportingDbContext db, Guid personId, Guid subsidiaryId, Guid organizationId, string? status, DateTimeOffset at, CancellationToken ct)
    {
        DateTimeOffset? statusAt = status is null ? null : at;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO member_views (person_id, subsidiary_id, organization_id, organization_at, status, status_at)
            VALUES ({personId}, {subsidiaryId}, {organizationId}, {at}, {status}, {statusAt})
            ON CONFLICT (person_id) DO UPDATE SET
                organization_id = CASE WHEN member_views.organization_at IS NULL OR member_views.organization_at < EXCLUDED.organization_at
                    THEN EXCLUDED.organization_id ELSE member_views.organization_id END,
                organization_at = GREATEST(member_views.organization_at, EXCLUDED.organization_at),
                status = CASE WHEN EXCLUDED.status_at IS NOT NULL AND (member_views.status_at IS NULL OR member_views.status_at < EXCLUDED.status_at)
                    THEN EXCLUDED.status ELSE member_views.status END,
                status_at = GREATEST(member_views.status_at, EXCLUDED.status_at)
            """, ct);
    }
}
