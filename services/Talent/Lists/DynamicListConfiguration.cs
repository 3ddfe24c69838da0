using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Talent.Lists;

/// <summary>Lists (with the two built-in "50+50" lists as seed rows), entries, their history and re-evaluations.</summary>
public sealed class DynamicListConfiguration : IEntityTypeConfiguration<TalentList>, IEntityTypeConfiguration<ListEntry>,
    IEntityTypeConfiguration<EntryChange>, IEntityTypeConfiguration<Reevaluation>
{
    static readonly DateTimeOffset Seeded = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<TalentList> e)
    {
        e.ToTable("talent_lists");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(30);
        e.Property(x => x.NameZh).HasColumnName("name_zh").HasMaxLength(100);
        e.Property(x => x.NameEn).HasColumnName("name_en").HasMaxLength(100);
        e.Property(x => x.Criteria).HasColumnName("criteria").HasMaxLength(2000);
        e.Property(x => x.MaxAge).HasColumnName("max_age");
        e.Property(x => x.MinEducationLevel).HasColumnName("min_education_level").HasMaxLength(20);
        e.Property(x => x.MustBePartyMember).HasColumnName("must_be_party_member");
        e.Property(x => x.SizeLimitPerUnit).HasColumnName("size_limit_per_unit");
        e.Property(x => x.ReevaluationMonths).HasColumnName("reevaluation_months");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Ignore(x => x.BuiltIn);
        e.HasIndex(x => x.SubsidiaryId);
        e.HasData(
            new
            {
                Id = TalentList.ReserveCadres, Kind = TalentList.ReserveCadresKind, NameZh = "后备干部", NameEn = "Reserve cadres",
                Criteria = "每个单位 50 名后备干部，政治素质好、业绩突出、群众公认；每年复核。", MustBePartyMember = false,
                SizeLimitPerUnit = (int?)50, ReevaluationMonths = (int?)12, Version = 1L, CreatedAt = Seeded, CreatedBy = "system",
            },
            new
            {
                Id = TalentList.YoungBackbone, Kind = TalentList.YoungBackboneKind, NameZh = "青年骨干", NameEn = "Young backbone",
                Criteria = "每个单位 50 名青年骨干，35 岁以下，业务骨干；党员人才化、人才党员化；每年复核。", MaxAge = (int?)35,
                MustBePartyMember = false, SizeLimitPerUnit = (int?)50, ReevaluationMonths = (int?)12, Version = 1L, CreatedAt = Seeded, CreatedBy = "system",
            });
    }

    public void Configure(EntityTypeBuilder<ListEntry> e)
    {
        e.ToTable("list_entries");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ListId).HasColumnName("list_id");
        e.Property(x => x.PersonId).HasColumnName("person_id");
        e.Property(x => x.PersonName).HasColumnName("person_name").HasMaxLength(200);
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.IsPartyMember).HasColumnName("is_party_member");
        e.Property(x => x.State).HasColumnName("state").HasMaxLength(20);
        e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(1000);
        e.Property(x => x.LeftInHr).HasColumnName("left_in_hr");
        e.Property(x => x.NotReevaluated).HasColumnName("not_reevaluated");
        e.Property(x => x.AwaitingReevaluationId).HasColumnName("awaiting_reevaluation_id");
        e.Property(x => x.NominatedAt).HasColumnName("nominated_at");
        e.Property(x => x.NominatedBy).HasColumnName("nominated_by").HasMaxLength(200);
        e.Property(x => x.ListedAt).HasColumnName("listed_at");
        e.Property(x => x.EndedAt).HasColumnName("ended_at");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Changes);
        e.Ignore(x => x.IsOpen);
        e.HasOne<TalentList>().WithMany().HasForeignKey(x => x.ListId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ListId, x.SubsidiaryId, x.State });
        e.HasIndex(x => x.PersonId);
        // One open entry per person and list: a second nomination while one is open is refused.
        e.HasIndex(x => new { x.ListId, x.PersonId }).IsUnique().HasFilter("state IN ('nominated', 'reviewed', 'listed')")
            .HasDatabaseName("ux_list_entries_open_per_person");
    }

    public void Configure(EntityTypeBuilder<EntryChange> e)
    {
        e.ToTable("list_entry_changes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.EntryId).HasColumnName("entry_id");
        e.Property(x => x.Version).HasColumnName("version");
        e.Property(x => x.Change).HasColumnName("change").HasMaxLength(30);
        e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(1000);
        e.Property(x => x.ChangedAt).HasColumnName("changed_at");
        e.Property(x => x.ChangedBy).HasColumnName("changed_by").HasMaxLength(200);
        e.Property(x => x.ChangedByRole).HasColumnName("changed_by_role").HasMaxLength(30);
        e.HasIndex(x => new { x.EntryId, x.Version }).IsUnique();
        e.HasOne<ListEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Reevaluation> e)
    {
        e.ToTable("reevaluations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ListId).HasColumnName("list_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Period).HasColumnName("period").HasMaxLength(30);
        e.Property(x => x.OpenedAt).HasColumnName("opened_at");
        e.Property(x => x.OpenedBy).HasColumnName("opened_by").HasMaxLength(200);
        e.Property(x => x.ClosedAt).HasColumnName("closed_at");
        e.Property(x => x.Entries).HasColumnName("entries");
        e.Property(x => x.Flagged).HasColumnName("flagged");
        e.HasOne<TalentList>().WithMany().HasForeignKey(x => x.ListId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ListId, x.OpenedAt });
    }
}
