using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.TaskLists;

public sealed class TaskListConfiguration : IEntityTypeConfiguration<TaskList>, IEntityTypeConfiguration<ListTask>,
    IEntityTypeConfiguration<Measure>, IEntityTypeConfiguration<ProgressReport>, IEntityTypeConfiguration<TaskListChange>
{
    public void Configure(EntityTypeBuilder<TaskList> e)
    {
        e.ToTable("task_lists");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(TaskList.MaxTitleLength).IsRequired();
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.OwnerKind).HasColumnName("owner_kind").HasConversion(k => k.ToString().ToLowerInvariant(), k => Enum.Parse<TaskListOwnerKind>(k, true)).HasMaxLength(20);
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.LeadSubsidiaryId).HasColumnName("lead_subsidiary_id");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Ignore(x => x.Changes);
        e.Ignore(x => x.Progress);
        e.HasMany(x => x.Tasks).WithOne().HasForeignKey(x => x.TaskListId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Measures).WithOne().HasForeignKey(x => x.TaskListId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.Year, x.OwnerKind });
        e.HasIndex(x => x.SubsidiaryId);
        e.HasIndex(x => x.AllianceId);
    }

    public void Configure(EntityTypeBuilder<ListTask> e)
    {
        e.ToTable("task_list_tasks");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.TaskListId).HasColumnName("task_list_id");
        e.Property(x => x.Ordinal).HasColumnName("ordinal");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(TaskList.MaxTitleLength).IsRequired();
        e.Property(x => x.ExplicitWeight).HasColumnName("explicit_weight").HasPrecision(9, 2);
        e.HasIndex(x => new { x.TaskListId, x.Ordinal }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Measure> e)
    {
        e.ToTable("task_list_measures");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.TaskListId).HasColumnName("task_list_id");
        e.Property(x => x.TaskId).HasColumnName("task_id");
        e.Property(x => x.Ordinal).HasColumnName("ordinal");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(TaskList.MaxTitleLength).IsRequired();
        e.Property(x => x.ResponsibleOrganizationId).HasColumnName("responsible_organization_id");
        e.Property(x => x.ResponsibleSubsidiaryId).HasColumnName("responsible_subsidiary_id");
        e.Property(x => x.ResponsibleName).HasColumnName("responsible_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.SupervisingOrganizationId).HasColumnName("supervising_organization_id");
        e.Property(x => x.SupervisingSubsidiaryId).HasColumnName("supervising_subsidiary_id");
        e.Property(x => x.SupervisingName).HasColumnName("supervising_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.Weight).HasColumnName("weight").HasPrecision(9, 2);
        e.Property(x => x.TargetText).HasColumnName("target_text").HasMaxLength(Measure.MaxTargetLength).IsRequired();
        e.Property(x => x.TargetValue).HasColumnName("target_value").HasPrecision(18, 4);
        e.Property(x => x.TargetUnit).HasColumnName("target_unit").HasMaxLength(Measure.MaxUnitLength);
        e.Property(x => x.DueOn).HasColumnName("due_on");
        e.Property(x => x.Progress).HasColumnName("progress").HasPrecision(5, 2);
        e.Property(x => x.LastReportedOn).HasColumnName("last_reported_on");
        e.Property(x => x.LinksToMeasureId).HasColumnName("links_to_measure_id");
        e.Property(x => x.OverdueFlaggedOn).HasColumnName("overdue_flagged_on");
        e.HasOne<ListTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Measure>().WithMany().HasForeignKey(x => x.LinksToMeasureId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Reports).WithOne().HasForeignKey(x => x.MeasureId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.TaskId, x.Ordinal }).IsUnique();
        e.HasIndex(x => x.LinksToMeasureId);
        // The overdue list and sweep read the measures past due and not complete.
        e.HasIndex(x => new { x.DueOn, x.Progress });
    }

    public void Configure(EntityTypeBuilder<ProgressReport> e)
    {
        e.ToTable("task_list_progress_reports");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.MeasureId).HasColumnName("measure_id");
        e.Property(x => x.Percent).HasColumnName("percent").HasPrecision(5, 2);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(Measure.MaxNoteLength);
        e.Property(x => x.ReportedOn).HasColumnName("reported_on");
        e.Property(x => x.ReportedBy).HasColumnName("reported_by").HasMaxLength(200);
        e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
        e.Property(x => x.EvidenceLinks).HasColumnName("evidence_links");
        e.HasIndex(x => new { x.MeasureId, x.RecordedAt });
    }

    public void Configure(EntityTypeBuilder<TaskListChange> e) =>
        e.IsAuditLogOf<TaskListChange, TaskList>("task_list_changes", x => x.TaskListId, "task_list_id");
}
