using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Bulletins;

public sealed class BulletinConfiguration : IEntityTypeConfiguration<Bulletin>, IEntityTypeConfiguration<BulletinPdf>,
    IEntityTypeConfiguration<BulletinChange>, IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Bulletin> e)
    {
        e.ToTable("bulletins");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.ScopeName).HasColumnName("scope_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.ScopeKey).HasColumnName("scope_key").HasMaxLength(40).IsRequired();
        e.Property(x => x.LeadSubsidiaryId).HasColumnName("lead_subsidiary_id");
        e.Property(x => x.VisibleSubsidiaryIds).HasColumnName("visible_subsidiary_ids");
        e.Property(x => x.Month).HasColumnName("month");
        e.Property(x => x.State).HasColumnName("state").HasConversion(s => Bulletin.StateName(s), s => ParseState(s)).HasMaxLength(20);
        e.Property(x => x.TitleZh).HasColumnName("title_zh").HasMaxLength(Bulletin.MaxTitleLength).IsRequired();
        e.Property(x => x.TitleEn).HasColumnName("title_en").HasMaxLength(Bulletin.MaxTitleLength).IsRequired();
        e.Property(x => x.LeadZh).HasColumnName("lead_zh").HasMaxLength(Bulletin.MaxLeadLength).IsRequired();
        e.Property(x => x.LeadEn).HasColumnName("lead_en").HasMaxLength(Bulletin.MaxLeadLength).IsRequired();
        e.Property(x => x.SectionsJson).HasColumnName("sections").HasColumnType("jsonb");
        e.Property(x => x.GeneratedJson).HasColumnName("generated").HasColumnType("jsonb");
        e.Property(x => x.SubmittedBy).HasColumnName("submitted_by").HasMaxLength(200);
        e.Property(x => x.ReviewedBy).HasColumnName("reviewed_by").HasMaxLength(200);
        e.Property(x => x.ReturnReason).HasColumnName("return_reason").HasMaxLength(Bulletin.MaxReasonLength);
        e.Property(x => x.PublishedAt).HasColumnName("published_at");
        e.Property(x => x.PublishedBy).HasColumnName("published_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Ignore(x => x.Changes);
        e.Ignore(x => x.Sections);
        e.Ignore(x => x.Generated);
        e.Ignore(x => x.Period);
        // One bulletin per scope and month; the archive reads by scope, state and month.
        e.HasIndex(x => new { x.ScopeKey, x.Month }).IsUnique();
        e.HasIndex(x => new { x.State, x.Month });
    }

    static BulletinState ParseState(string s) => s switch
    {
        "draft" => BulletinState.Draft,
        "in-review" => BulletinState.InReview,
        "approved" => BulletinState.Approved,
        _ => BulletinState.Published,
    };

    public void Configure(EntityTypeBuilder<BulletinPdf> e)
    {
        e.ToTable("bulletin_pdfs");
        e.HasKey(x => new { x.BulletinId, x.Language });
        e.Property(x => x.BulletinId).HasColumnName("bulletin_id");
        e.Property(x => x.Language).HasColumnName("language").HasMaxLength(10);
        e.Property(x => x.Content).HasColumnName("content");
        e.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
        e.Property(x => x.PrintedAt).HasColumnName("printed_at");
        e.HasOne<Bulletin>().WithMany().HasForeignKey(x => x.BulletinId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<BulletinChange> e) =>
        e.IsAuditLogOf<BulletinChange, Bulletin>("bulletin_changes", x => x.BulletinId, "bulletin_id");

    public void Configure(EntityTypeBuilder<Nomination> e)
    {
        e.ToTable("bulletin_nominations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.LeadSubsidiaryId).HasColumnName("lead_subsidiary_id");
        e.Property(x => x.VisibleSubsidiaryIds).HasColumnName("visible_subsidiary_ids");
        e.Property(x => x.Month).HasColumnName("month");
        e.Property(x => x.Kind).HasColumnName("kind").HasConversion(k => k.ToString().ToLowerInvariant(), k => Enum.Parse<NomineeKind>(k, true)).HasMaxLength(10);
        e.Property(x => x.NomineeId).HasColumnName("nominee_id");
        e.Property(x => x.NomineeName).HasColumnName("nominee_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.ReasonZh).HasColumnName("reason_zh").HasMaxLength(Nomination.MaxReasonLength).IsRequired();
        e.Property(x => x.ReasonEn).HasColumnName("reason_en").HasMaxLength(Nomination.MaxReasonLength).IsRequired();
        e.Property(x => x.State).HasColumnName("state").HasConversion(s => Nomination.StateName(s), s => Enum.Parse<NominationState>(s, true)).HasMaxLength(10);
        e.Property(x => x.ReviewNote).HasColumnName("review_note").HasMaxLength(Nomination.MaxNoteLength);
        e.Property(x => x.NominatedBy).HasColumnName("nominated_by").HasMaxLength(200);
        e.Property(x => x.NominatedAt).HasColumnName("nominated_at");
        e.Property(x => x.ReviewedBy).HasColumnName("reviewed_by").HasMaxLength(200);
        e.Property(x => x.ReviewedAt).HasColumnName("reviewed_at");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.HasIndex(x => new { x.AllianceId, x.Month, x.State });
    }
}
