using Alliance.Organization.Subsidiaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.HrSync;

public sealed class HrConflictConfiguration : IEntityTypeConfiguration<HrConflict>
{
    public void Configure(EntityTypeBuilder<HrConflict> e)
    {
        e.ToTable("hr_conflicts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.PersonId).HasColumnName("person_id");
        e.Property(x => x.PersonName).HasColumnName("person_name").HasMaxLength(People.Person.MaxNameLength).IsRequired();
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(40).IsRequired();
        e.Property(x => x.Details).HasColumnName("details").HasMaxLength(HrConflict.MaxDetailsLength).IsRequired();
        e.Property(x => x.RoleIds).HasColumnName("role_ids").IsRequired();
        e.Property(x => x.SyncRunId).HasColumnName("sync_run_id");
        e.Property(x => x.RaisedAt).HasColumnName("raised_at");
        e.Property(x => x.Resolved).HasColumnName("resolved");
        e.Property(x => x.ResolutionNote).HasColumnName("resolution_note").HasMaxLength(HrConflict.MaxNoteLength);
        e.Property(x => x.ResolvedBy).HasColumnName("resolved_by").HasMaxLength(200);
        e.Property(x => x.ResolvedAt).HasColumnName("resolved_at");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.HasIndex(x => new { x.SubsidiaryId, x.Resolved, x.RaisedAt });
        e.HasIndex(x => new { x.PersonId, x.Kind });
        e.HasOne<Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HrSyncRunConfiguration : IEntityTypeConfiguration<HrSyncRun>
{
    public void Configure(EntityTypeBuilder<HrSyncRun> e)
    {
        e.ToTable("hr_sync_runs");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Source).HasColumnName("source").HasMaxLength(HrSyncRun.MaxSourceLength).IsRequired();
        e.Property(x => x.Day).HasColumnName("day");
        e.Property(x => x.StartedAt).HasColumnName("started_at");
        e.Property(x => x.FinishedAt).HasColumnName("finished_at");
        e.Property(x => x.Status).HasColumnName("status").HasMaxLength(20).IsRequired();
        e.Property(x => x.Total).HasColumnName("total");
        e.Property(x => x.Processed).HasColumnName("processed");
        e.Property(x => x.Created).HasColumnName("created");
        e.Property(x => x.Updated).HasColumnName("updated");
        e.Property(x => x.Deactivated).HasColumnName("deactivated");
        e.Property(x => x.Unchanged).HasColumnName("unchanged");
        e.Property(x => x.Stale).HasColumnName("stale");
        e.Property(x => x.Conflicts).HasColumnName("conflicts");
        e.Property(x => x.Errors).HasColumnName("errors");
        e.Property(x => x.ErrorMessages).HasColumnName("error_messages").IsRequired();
        e.Property(x => x.StartedBy).HasColumnName("started_by").HasMaxLength(200).IsRequired();
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.IsRunning);
        e.HasIndex(x => new { x.SubsidiaryId, x.StartedAt });
        // One rolling SCIM run per subsidiary and day.
        e.HasIndex(x => new { x.SubsidiaryId, x.Source, x.Day }).IsUnique().HasFilter("day IS NOT NULL");
        e.HasOne<Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HrSyncRunRowConfiguration : IEntityTypeConfiguration<HrSyncRunRow>
{
    public void Configure(EntityTypeBuilder<HrSyncRunRow> e)
    {
        e.ToTable("hr_sync_run_rows");
        e.HasKey(x => new { x.RunId, x.RowNumber });
        e.Property(x => x.RunId).HasColumnName("run_id");
        e.Property(x => x.RowNumber).HasColumnName("row_number");
        e.Property(x => x.EmployeeNumber).HasColumnName("employee_number").HasMaxLength(People.Person.MaxEmployeeNumberLength);
        e.Property(x => x.ExternalId).HasColumnName("external_id").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(20).IsRequired();
        e.Property(x => x.Message).HasColumnName("message").HasMaxLength(HrSyncRun.MaxErrorLength);
        e.HasOne<HrSyncRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
