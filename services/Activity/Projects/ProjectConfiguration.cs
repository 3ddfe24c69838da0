using Alliance.Activity.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Projects;

public sealed class TacklingProjectConfiguration : IEntityTypeConfiguration<TacklingProject>
{
    public void Configure(EntityTypeBuilder<TacklingProject> e)
    {
        e.ToTable("tackling_projects");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(TacklingProject.MaxTitleLength).IsRequired();
        e.Property(x => x.Description).HasColumnName("description").HasMaxLength(TacklingProject.MaxDescriptionLength);
        e.Property(x => x.Category).HasColumnName("category").HasMaxLength(40).IsRequired();
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.OrganizationName).HasColumnName("organization_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.LeaderPersonId).HasColumnName("leader_person_id");
        e.Property(x => x.LeaderName).HasColumnName("leader_name").HasMaxLength(TacklingProject.MaxNameLength).IsRequired();
        e.Property(x => x.TeamJson).HasColumnName("team").HasColumnType("jsonb");
        e.Property(x => x.Status).HasColumnName("status").HasMaxLength(20).IsRequired();
        e.Property(x => x.CompletedOn).HasColumnName("completed_on");
        e.Property(x => x.ActivityIds).HasColumnName("activity_ids");
        // Plain ids of the problem list (a feature of its own), no foreign key (ADR 41).
        e.Property(x => x.ProblemIds).HasColumnName("problem_ids");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Team);
        e.Ignore(x => x.Changes);
        e.Ignore(x => x.MilestonesReached);
        e.Ignore(x => x.Progress);
        e.HasMany(x => x.Milestones).WithOne().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Outcomes).WithOne().HasForeignKey(o => o.ProjectId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.AllianceId, x.Year });
        e.HasIndex(x => new { x.SubsidiaryId, x.Year });
    }
}

public sealed class ProjectMilestoneConfiguration : IEntityTypeConfiguration<ProjectMilestone>
{
    public void Configure(EntityTypeBuilder<ProjectMilestone> e)
    {
        e.ToTable("project_milestones");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ProjectId).HasColumnName("project_id");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(ProjectMilestone.MaxTitleLength).IsRequired();
        e.Property(x => x.PlannedOn).HasColumnName("planned_on");
        e.Property(x => x.ReachedOn).HasColumnName("reached_on");
        e.Property(x => x.Position).HasColumnName("position");
        e.HasIndex(x => x.ReachedOn);
    }
}

public sealed class ProjectOutcomeConfiguration : IEntityTypeConfiguration<ProjectOutcome>
{
    public void Configure(EntityTypeBuilder<ProjectOutcome> e)
    {
        e.ToTable("project_outcomes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ProjectId).HasColumnName("project_id");
        e.Property(x => x.Label).HasColumnName("label").HasMaxLength(ProjectOutcome.MaxLabelLength).IsRequired();
        e.Property(x => x.Unit).HasColumnName("unit").HasMaxLength(20).IsRequired();
        e.Property(x => x.Value).HasColumnName("value").HasPrecision(18, 4);
        e.Property(x => x.Baseline).HasColumnName("baseline").HasPrecision(18, 4);
        e.Property(x => x.Target).HasColumnName("target").HasPrecision(18, 4);
        e.Property(x => x.RecordedOn).HasColumnName("recorded_on");
        e.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(200);
        e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
        e.HasIndex(x => x.ProjectId);
    }
}

public sealed class ProjectChangeConfiguration : IEntityTypeConfiguration<ProjectChange>
{
    public void Configure(EntityTypeBuilder<ProjectChange> e) => e.IsAuditLogOf<ProjectChange, TacklingProject>("project_changes", x => x.ProjectId, "project_id");
}

public sealed class MilestoneEvidenceConfiguration : IEntityTypeConfiguration<MilestoneEvidence>
{
    public void Configure(EntityTypeBuilder<MilestoneEvidence> e)
    {
        e.ToTable("milestone_evidence");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ProjectId).HasColumnName("project_id");
        e.Property(x => x.MilestoneId).HasColumnName("milestone_id");
        e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(Attachments.AttachmentFiles.MaxFileNameLength);
        e.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(100);
        e.Property(x => x.SizeBytes).HasColumnName("size_bytes");
        e.Property(x => x.Content).HasColumnName("content");
        e.Property(x => x.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(200);
        e.Property(x => x.UploadedAt).HasColumnName("uploaded_at");
        e.HasIndex(x => x.MilestoneId);
        e.HasOne<ProjectMilestone>().WithMany().HasForeignKey(x => x.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<TacklingProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
