using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Reporting.Attendance;

/// <summary>
/// An invitation to an activity as its events leave it: how many people it expects, and whether it was withdrawn
/// (final, whichever order the events arrive in).
/// </summary>
public sealed class InvitationView
{
    public Guid ParticipantId { get; set; }
    public Guid ActivityId { get; set; }
    public int ExpectedCount { get; set; }
    public bool Withdrawn { get; set; }
}

/// <summary>A check-in at an activity (one per person), with the organization the person checked in for when known.</summary>
public sealed class CheckInView
{
    public Guid CheckInId { get; set; }
    public Guid ActivityId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? SubsidiaryId { get; set; }
}

public sealed class InvitationViewConfiguration : IEntityTypeConfiguration<InvitationView>
{
    public void Configure(EntityTypeBuilder<InvitationView> e)
    {
        e.ToTable("invitation_views");
        e.HasKey(x => x.ParticipantId);
        e.Property(x => x.ParticipantId).HasColumnName("participant_id");
        e.Property(x => x.ActivityId).HasColumnName("activity_id");
        e.Property(x => x.ExpectedCount).HasColumnName("expected_count");
        e.Property(x => x.Withdrawn).HasColumnName("withdrawn");
        e.HasIndex(x => x.ActivityId);
    }
}

public sealed class CheckInViewConfiguration : IEntityTypeConfiguration<CheckInView>
{
    public void Configure(EntityTypeBuilder<CheckInView> e)
    {
        e.ToTable("check_in_views");
        e.HasKey(x => x.CheckInId);
        e.Property(x => x.CheckInId).HasColumnName("check_in_id");
        e.Property(x => x.ActivityId).HasColumnName("activity_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.HasIndex(x => x.ActivityId);
    }
}
