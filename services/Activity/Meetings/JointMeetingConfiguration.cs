using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Meetings;

public sealed class JointMeetingConfiguration : IEntityTypeConfiguration<JointMeeting>
{
    public void Configure(EntityTypeBuilder<JointMeeting> e)
    {
        e.ToTable("joint_meetings");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(JointMeeting.MaxTitleLength).IsRequired();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.LeadSubsidiaryId).HasColumnName("lead_subsidiary_id");
        e.Property(x => x.VisibleSubsidiaryIds).HasColumnName("visible_subsidiary_ids");
        e.Property(x => x.StartsAt).HasColumnName("starts_at");
        e.Property(x => x.Place).HasColumnName("place").HasMaxLength(JointMeeting.MaxPlaceLength).IsRequired();
        e.Property(x => x.Minutes).HasColumnName("minutes").HasMaxLength(JointMeeting.MaxMinutesLength);
        e.Property(x => x.AttendeesJson).HasColumnName("attendees").HasColumnType("jsonb");
        e.Property(x => x.ActivityId).HasColumnName("activity_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Attendees);
        e.Ignore(x => x.Changes);
        e.HasOne<Activities.Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.AllianceId, x.StartsAt });
        e.HasIndex(x => x.StartsAt);
        e.HasIndex(x => x.VisibleSubsidiaryIds).HasMethod("gin");
    }
}

public sealed class MeetingChangeConfiguration : IEntityTypeConfiguration<MeetingChange>
{
    public void Configure(EntityTypeBuilder<MeetingChange> e) => e.IsAuditLogOf<MeetingChange, JointMeeting>("meeting_changes", x => x.MeetingId, "meeting_id");
}
