using Alliance.Activity.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Supervision;

public sealed class DecisionItemConfiguration : IEntityTypeConfiguration<DecisionItem>
{
    public void Configure(EntityTypeBuilder<DecisionItem> e)
    {
        e.ToTable("decision_items");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.MeetingId).HasColumnName("meeting_id");
        e.Property(x => x.MeetingTitle).HasColumnName("meeting_title").HasMaxLength(JointMeeting.MaxTitleLength).IsRequired();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.VisibleSubsidiaryIds).HasColumnName("visible_subsidiary_ids");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(DecisionItem.MaxTitleLength).IsRequired();
        e.Property(x => x.AcceptanceCriteria).HasColumnName("acceptance_criteria").HasMaxLength(DecisionItem.MaxCriteriaLength).IsRequired();
        e.Property(x => x.OwnerMemberUnitId).HasColumnName("owner_member_unit_id");
        e.Property(x => x.OwnerOrganizationId).HasColumnName("owner_organization_id");
        e.Property(x => x.OwnerSubsidiaryId).HasColumnName("owner_subsidiary_id");
        e.Property(x => x.OwnerName).HasColumnName("owner_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.OwnerPerson).HasColumnName("owner_person").HasMaxLength(DecisionItem.MaxPersonLength);
        e.Property(x => x.DueOn).HasColumnName("due_on");
        e.Property(x => x.MilestonesJson).HasColumnName("milestones").HasColumnType("jsonb");
        e.Property(x => x.NextMilestoneOn).HasColumnName("next_milestone_on");
        e.Property(x => x.SupervisorMemberUnitId).HasColumnName("supervisor_member_unit_id");
        e.Property(x => x.SupervisorSubsidiaryId).HasColumnName("supervisor_subsidiary_id");
        e.Property(x => x.SupervisorName).HasColumnName("supervisor_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.State).HasColumnName("state")
            .HasConversion(s => DecisionItem.StateName(s), s => DecisionItemStates.Parse(s)).HasMaxLength(20);
        e.Property(x => x.Colour).HasColumnName("colour")
            .HasConversion(c => DecisionItem.ColourName(c), c => Enum.Parse<SupervisionColour>(c, true)).HasMaxLength(10);
        e.Property(x => x.EscalatedAt).HasColumnName("escalated_at");
        e.Property(x => x.ClaimedBy).HasColumnName("claimed_by").HasMaxLength(200);
        e.Property(x => x.CancelReason).HasColumnName("cancel_reason").HasMaxLength(DecisionItem.MaxReasonLength);
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Entries);
        e.Ignore(x => x.Milestones);
        e.Ignore(x => x.IsClosed);
        e.Ignore(x => x.AwaitsEscalation);
        e.HasOne<JointMeeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        // The board filters by alliance, owner, supervisor and state; the daily sweep reads the items still supervised.
        e.HasIndex(x => new { x.MeetingId, x.CreatedAt });
        e.HasIndex(x => new { x.AllianceId, x.State });
        e.HasIndex(x => new { x.OwnerMemberUnitId, x.State });
        e.HasIndex(x => new { x.SupervisorMemberUnitId, x.State });
        e.HasIndex(x => new { x.State, x.DueOn });
        e.HasIndex(x => x.VisibleSubsidiaryIds).HasMethod("gin");
    }
}

public sealed class DecisionItemEntryConfiguration : IEntityTypeConfiguration<DecisionItemEntry>
{
    public void Configure(EntityTypeBuilder<DecisionItemEntry> e)
    {
        e.ToTable("decision_item_history");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.DecisionItemId).HasColumnName("decision_item_id");
        e.Property(x => x.Version).HasColumnName("version");
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20).IsRequired();
        e.Property(x => x.At).HasColumnName("at");
        e.Property(x => x.By).HasColumnName("by").HasMaxLength(200).IsRequired();
        e.Property(x => x.ByRole).HasColumnName("by_role").HasMaxLength(30).IsRequired();
        e.Property(x => x.FromState).HasColumnName("from_state")
            .HasConversion(s => DecisionItem.StateName(s), s => DecisionItemStates.Parse(s)).HasMaxLength(20);
        e.Property(x => x.ToState).HasColumnName("to_state")
            .HasConversion(s => DecisionItem.StateName(s), s => DecisionItemStates.Parse(s)).HasMaxLength(20);
        e.Property(x => x.FromColour).HasColumnName("from_colour")
            .HasConversion(c => DecisionItem.ColourName(c), c => Enum.Parse<SupervisionColour>(c, true)).HasMaxLength(10);
        e.Property(x => x.ToColour).HasColumnName("to_colour")
            .HasConversion(c => DecisionItem.ColourName(c), c => Enum.Parse<SupervisionColour>(c, true)).HasMaxLength(10);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(DecisionItem.MaxNoteLength);
        e.Property(x => x.Links).HasColumnName("links").HasColumnType("jsonb");
        e.Property(x => x.AttachmentIds).HasColumnName("attachment_ids");
        e.HasIndex(x => new { x.DecisionItemId, x.Version }).IsUnique();
        e.HasOne<DecisionItem>().WithMany().HasForeignKey(x => x.DecisionItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class DecisionItemStates
{
    public static DecisionItemState Parse(string name) => name switch
    {
        "open" => DecisionItemState.Open,
        "in-progress" => DecisionItemState.InProgress,
        "done" => DecisionItemState.Done,
        "verified" => DecisionItemState.Verified,
        _ => DecisionItemState.Cancelled,
    };
}
