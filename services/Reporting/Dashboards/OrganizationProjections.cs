using Alliance.Contracts.Events;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Dashboards;

/// <summary>Projects SubsidiaryRegistered into the counts; the inbox applies it once, whichever replica receives it.</summary>
public sealed class SubsidiaryRegisteredConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, SubsidiaryRegistered>(db)
{
    protected override async Task HandleAsync(SubsidiaryRegistered message, ReportingDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO subsidiary_counts (subsidiary_id, name, registered, organizations, committees, general_branches, branches, groups)
            VALUES ({message.SubsidiaryId}, {message.Name}, TRUE, 0, 0, 0, 0, 0)
            ON CONFLICT (subsidiary_id) DO UPDATE SET name = EXCLUDED.name, registered = TRUE
            """, ct);
    }

    protected override Task AfterCommitAsync(SubsidiaryRegistered message, CancellationToken ct) => cache.InvalidateAsync();
}

/// <summary>Counts a new organization by kind; atomic increments keep counts exact with competing replicas.</summary>
public sealed class OrganizationCreatedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, OrganizationCreated>(db)
{
    protected override async Task HandleAsync(OrganizationCreated message, ReportingDbContext db, CancellationToken ct)
    {
        int committee = 0, generalBranch = 0, branch = 0, group = 0;
        switch (message.Kind)
        {
            case "Committee": committee = 1; break;
            case "GeneralBranch": generalBranch = 1; break;
            case "Branch": branch = 1; break;
            case "Group": group = 1; break;
        }
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO subsidiary_counts (subsidiary_id, name, registered, organizations, committees, general_branches, branches, groups)
            VALUES ({message.TenantId}, '', FALSE, 1, {committee}, {generalBranch}, {branch}, {group})
            ON CONFLICT (subsidiary_id) DO UPDATE SET
                organizations = subsidiary_counts.organizations + 1,
                committees = subsidiary_counts.committees + {committee},
                general_branches = subsidiary_counts.general_branches + {generalBranch},
                branches = subsidiary_counts.branches + {branch},
                groups = subsidiary_counts.groups + {group}
            """, ct);
        await OrganizationNames.SetAsync(db, message.OrganizationId, message.TenantId, message.Name, message.OccurredAt, ct);
        await OrganizationNames.SetKindAsync(db, message.OrganizationId, message.TenantId, message.Kind, ct);
    }

    protected override Task AfterCommitAsync(OrganizationCreated message, CancellationToken ct) => cache.InvalidateAsync();
}

/// <summary>A renamed organization shows its new name in the views (unless a later rename arrived first).</summary>
public sealed class OrganizationRenamedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, OrganizationRenamed>(db)
{
    protected override Task HandleAsync(OrganizationRenamed message, ReportingDbContext db, CancellationToken ct) =>
        OrganizationNames.SetAsync(db, message.OrganizationId, message.TenantId, message.NewName, message.OccurredAt, ct);

    protected override Task AfterCommitAsync(OrganizationRenamed message, CancellationToken ct) => cache.InvalidateAsync();
}

static class OrganizationNames
{
    /// <summary>Keeps the name named most recently (by the event's OccurredAt), whichever order the events arrive in.</summary>
    public static Task SetAsync(ReportingDbContext db, Guid organizationId, Guid subsidiaryId, string name, DateTimeOffset namedAt, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO organization_names (organization_id, subsidiary_id, name, named_at)
            VALUES ({organizationId}, {subsidiaryId}, {name}, {namedAt})
            ON CONFLICT (organization_id) DO UPDATE SET name = EXCLUDED.name, named_at = EXCLUDED.named_at
            WHERE organization_names.named_at < EXCLUDED.named_at
            """, ct);

    /// <summary>The kind as organization life names it (committee, general-branch, branch, group); a kind never changes.</summary>
    public static Task SetKindAsync(ReportingDbContext db, Guid organizationId, Guid subsidiaryId, string kind, CancellationToken ct)
    {
        var name = KindName(kind);
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO organization_names (organization_id, subsidiary_id, name, named_at, kind, ended)
            VALUES ({organizationId}, {subsidiaryId}, '', '-infinity', {name}, FALSE)
            ON CONFLICT (organization_id) DO UPDATE SET kind = EXCLUDED.kind
            """, ct);
    }

    /// <summary>A dissolved or merged organization is bound by no rule any more, whichever order its events arrive in.</summary>
    public static Task EndAsync(ReportingDbContext db, Guid organizationId, Guid subsidiaryId, string kind, CancellationToken ct)
    {
        var name = KindName(kind);
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO organization_names (organization_id, subsidiary_id, name, named_at, kind, ended)
            VALUES ({organizationId}, {subsidiaryId}, '', '-infinity', {name}, TRUE)
            ON CONFLICT (organization_id) DO UPDATE SET ended = TRUE, kind = COALESCE(organization_names.kind, EXCLUDED.kind)
            """, ct);
    }

    public static string KindName(string kind) => kind.Trim().ToLowerInvariant() switch
    {
        "generalbranch" or "general-branch" or "general_branch" => "general-branch",
        var k => k,
    };
}

/// <summary>
/// Takes an ended organization (dissolved, or merged into another) out of the counts. A decrement by kind commutes with
/// the increment of its OrganizationCreated, so the counts come out the same in any order of arrival, and the inbox
/// applies each event once whichever replica receives it.
/// </summary>
static class EndedOrganizations
{
    public static Task UncountAsync(ReportingDbContext db, Guid subsidiaryId, string kind, CancellationToken ct)
    {
        int committee = 0, generalBranch = 0, branch = 0, group = 0;
        switch (kind)
        {
            case "Committee": committee = 1; break;
            case "GeneralBranch": generalBranch = 1; break;
            case "Branch": branch = 1; break;
            case "Group": group = 1; break;
        }
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO subsidiary_counts (subsidiary_id, name, registered, organizations, committees, general_branches, branches, groups)
            VALUES ({subsidiaryId}, '', FALSE, -1, {-committee}, {-generalBranch}, {-branch}, {-group})
            ON CONFLICT (subsidiary_id) DO UPDATE SET
                organizations = subsidiary_counts.organizations - 1,
                committees = subsidiary_counts.committees - {committee},
                general_branches = subsidiary_counts.general_branches - {generalBranch},
                branches = subsidiary_counts.branches - {branch},
                groups = subsidiary_counts.groups - {group}
            """, ct);
    }
}

/// <summary>A dissolved organization no longer counts.</summary>
public sealed class OrganizationDissolvedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, OrganizationDissolved>(db)
{
    protected override async Task HandleAsync(OrganizationDissolved message, ReportingDbContext db, CancellationToken ct)
    {
        await EndedOrganizations.UncountAsync(db, message.TenantId, message.Kind, ct);
        await OrganizationNames.EndAsync(db, message.OrganizationId, message.TenantId, message.Kind, ct);
    }

    protected override Task AfterCommitAsync(OrganizationDissolved message, CancellationToken ct) => cache.InvalidateAsync();
}

/// <summary>The source of a merge no longer counts; the target was counted when it was created.</summary>
public sealed class OrganizationsMergedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, OrganizationsMerged>(db)
{
    protected override async Task HandleAsync(OrganizationsMerged message, ReportingDbContext db, CancellationToken ct)
    {
        await EndedOrganizations.UncountAsync(db, message.TenantId, message.SourceKind, ct);
        await OrganizationNames.EndAsync(db, message.SourceOrganizationId, message.TenantId, message.SourceKind, ct);
    }

    protected override Task AfterCommitAsync(OrganizationsMerged message, CancellationToken ct) => cache.InvalidateAsync();
}
