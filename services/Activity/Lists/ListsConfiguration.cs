using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Lists;

public sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> e)
    {
        e.ToTable("problems");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.VisibleSubsidiaryIds).HasColumnName("visible_subsidiary_ids");
        e.Property(x => x.LeadSubsidiaryId).HasColumnName("lead_subsidiary_id");
        e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.UnitKey).HasColumnName("unit_key").HasMaxLength(250).IsRequired();
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(Problem.MaxTitleLength).IsRequired();
        e.Property(x => x.Need).HasColumnName("need").HasMaxLength(Problem.MaxNeedLength).IsRequired();
        e.Property(x => x.Category).HasColumnName("category").HasMaxLength(20)
            .HasConversion(c => ListVocabulary.Name(c), c => ListVocabulary.Category(c)!.Value);
        e.Property(x => x.Urgency).HasColumnName("urgency").HasMaxLength(10)
            .HasConversion(u => ListVocabulary.Name(u), u => ListVocabulary.Urgency(u)!.Value);
        e.Property(x => x.Tags).HasColumnName("tags");
        e.Property(x => x.WantedBy).HasColumnName("wanted_by");
        e.Property(x => x.State).HasColumnName("state").HasMaxLength(12)
            .HasConversion(s => ListVocabulary.Name(s), s => ListVocabulary.ProblemStateNamed(s)!.Value);
        e.Property(x => x.AcceptedMatchId).HasColumnName("accepted_match_id");
        e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(Problem.MaxOutcomeLength);
        e.Property(x => x.WithdrawReason).HasColumnName("withdraw_reason").HasMaxLength(Problem.MaxReasonLength);
        e.Property(x => x.ResolvedAt).HasColumnName("resolved_at");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Changes);
        e.Ignore(x => x.TenantId);
        // The list filters by alliance and state and sorts by posting; the bulletin reads the problems resolved in a month.
        e.HasIndex(x => new { x.AllianceId, x.State, x.CreatedAt });
        e.HasIndex(x => new { x.State, x.ResolvedAt });
        e.HasIndex(x => x.MemberUnitId);
        e.HasIndex(x => x.Tags).HasMethod("gin");
        e.HasIndex(x => x.VisibleSubsidiaryIds).HasMethod("gin");
    }
}

public sealed class ProblemChangeConfiguration : IEntityTypeConfiguration<ProblemChange>
{
    public void Configure(EntityTypeBuilder<ProblemChange> e) => e.IsAuditLogOf<ProblemChange, Problem>("problem_changes", x => x.ProblemId, "problem_id");
}

public sealed class ResourceOfferConfiguration : IEntityTypeConfiguration<ResourceOffer>
{
    public void Configure(EntityTypeBuilder<ResourceOffer> e)
    {
        e.ToTable("resource_offers");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Scope).HasColumnName("scope").HasMaxLength(10)
            .HasConversion(s => ListVocabulary.Name(s), s => s == "group" ? OfferScope.Group : OfferScope.Alliance);
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(200);
        e.Property(x => x.VisibleSubsidiaryIds).HasColumnName("visible_subsidiary_ids");
        e.Property(x => x.LeadSubsidiaryId).HasColumnName("lead_subsidiary_id");
        e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.UnitKey).HasColumnName("unit_key").HasMaxLength(250).IsRequired();
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20)
            .HasConversion(k => ListVocabulary.Name(k), k => ListVocabulary.Kind(k)!.Value);
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(ResourceOffer.MaxTitleLength).IsRequired();
        e.Property(x => x.Description).HasColumnName("description").HasMaxLength(ResourceOffer.MaxDescriptionLength).IsRequired();
        e.Property(x => x.Tags).HasColumnName("tags");
        e.Property(x => x.Capacity).HasColumnName("capacity").HasPrecision(14, 2);
        e.Property(x => x.CapacityUnit).HasColumnName("capacity_unit").HasMaxLength(ResourceOffer.MaxUnitLength);
        e.Property(x => x.Used).HasColumnName("used");
        e.Property(x => x.WindowsJson).HasColumnName("windows").HasColumnType("jsonb");
        e.Property(x => x.AvailableFrom).HasColumnName("available_from");
        e.Property(x => x.AvailableUntil).HasColumnName("available_until");
        e.Property(x => x.PeopleJson).HasColumnName("people").HasColumnType("jsonb");
        e.Property(x => x.State).HasColumnName("state").HasMaxLength(12)
            .HasConversion(s => ListVocabulary.Name(s), s => ListVocabulary.OfferStateNamed(s)!.Value);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Changes);
        e.Ignore(x => x.Windows);
        e.Ignore(x => x.People);
        e.Ignore(x => x.TenantId);
        // Matching reads the available offers of an alliance and of the group by kind; the lists filter by tag.
        e.HasIndex(x => new { x.AllianceId, x.State, x.Kind });
        e.HasIndex(x => new { x.Scope, x.State, x.Kind });
        e.HasIndex(x => x.Tags).HasMethod("gin");
        e.HasIndex(x => x.VisibleSubsidiaryIds).HasMethod("gin");
    }
}

public sealed class ResourceOfferChangeConfiguration : IEntityTypeConfiguration<ResourceOfferChange>
{
    public void Configure(EntityTypeBuilder<ResourceOfferChange> e) =>
        e.IsAuditLogOf<ResourceOfferChange, ResourceOffer>("resource_offer_changes", x => x.OfferId, "offer_id");
}

public sealed class ResourceMatchConfiguration : IEntityTypeConfiguration<ResourceMatch>
{
    public void Configure(EntityTypeBuilder<ResourceMatch> e)
    {
        e.ToTable("resource_matches");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ProblemId).HasColumnName("problem_id");
        e.Property(x => x.OfferId).HasColumnName("offer_id");
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.State).HasColumnName("state").HasMaxLength(12)
            .HasConversion(s => ListVocabulary.Name(s), s => ListVocabulary.MatchStateNamed(s)!.Value);
        e.Property(x => x.Score).HasColumnName("score");
        e.Property(x => x.PartsJson).HasColumnName("parts").HasColumnType("jsonb");
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(ResourceMatch.MaxNoteLength);
        e.Property(x => x.DeclineReason).HasColumnName("decline_reason").HasMaxLength(ResourceMatch.MaxReasonLength);
        e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(ResourceMatch.MaxOutcomeLength);
        e.Property(x => x.EvidenceActivityId).HasColumnName("evidence_activity_id");
        e.Property(x => x.EvidenceAttachmentIds).HasColumnName("evidence_attachment_ids");
        e.Property(x => x.EvidenceLinks).HasColumnName("evidence_links");
        e.Property(x => x.ProposedAt).HasColumnName("proposed_at");
        e.Property(x => x.ProposedBy).HasColumnName("proposed_by").HasMaxLength(200);
        e.Property(x => x.ProposedByRole).HasColumnName("proposed_by_role").HasMaxLength(30);
        e.Property(x => x.DecidedAt).HasColumnName("decided_at");
        e.Property(x => x.DecidedBy).HasColumnName("decided_by").HasMaxLength(200);
        e.Property(x => x.ResolvedAt).HasColumnName("resolved_at");
        e.Property(x => x.ResolvedBy).HasColumnName("resolved_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Parts);
        e.HasOne<Problem>().WithMany().HasForeignKey(x => x.ProblemId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ResourceOffer>().WithMany().HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ProblemId, x.ProposedAt });
        e.HasIndex(x => new { x.OfferId, x.State });
        // One live (proposed or accepted) match per problem and offer.
        e.HasIndex(x => new { x.ProblemId, x.OfferId }).IsUnique().HasFilter("state in ('proposed', 'accepted')");
    }
}
