using Alliance.Activity.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Attendance;

public sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> e)
    {
        e.ToTable("activity_participants");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ActivityId).HasColumnName("activity_id");
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20)
            .HasConversion(k => k == ParticipantKind.Organization ? "organization" : k == ParticipantKind.MemberUnit ? "member-unit" : "person",
                s => s == "organization" ? ParticipantKind.Organization : s == "member-unit" ? ParticipantKind.MemberUnit : ParticipantKind.Person);
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
        e.Property(x => x.PersonId).HasColumnName("person_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
        e.Property(x => x.ExpectedCount).HasColumnName("expected_count");
        e.Property(x => x.InvitedAt).HasColumnName("invited_at");
        e.Property(x => x.InvitedBy).HasColumnName("invited_by").HasMaxLength(200);
        e.Property(x => x.WithdrawnAt).HasColumnName("withdrawn_at");
        e.Property(x => x.WithdrawnBy).HasColumnName("withdrawn_by").HasMaxLength(200);
        e.Ignore(x => x.Withdrawn);
        e.Ignore(x => x.KindName);
        e.HasOne<Activities.Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ActivityId, x.InvitedAt });
        // A person's history reads their invitations.
        e.HasIndex(x => x.PersonId).HasFilter("person_id IS NOT NULL");
    }
}

public sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public const string OnePerUser = "ux_activity_check_ins_user";
    public const string OnePerPerson = "ux_activity_check_ins_person";

    public void Configure(EntityTypeBuilder<CheckIn> e)
    {
        e.ToTable("activity_check_ins");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ActivityId).HasColumnName("activity_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.PersonId).HasColumnName("person_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.OrganizationName).HasColumnName("organization_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Method).HasColumnName("method").HasMaxLength(10)
            .HasConversion(m => m == CheckInMethod.Self ? "self" : "code", s => s == "self" ? CheckInMethod.Self : CheckInMethod.Code);
        e.Property(x => x.CheckedInAt).HasColumnName("checked_in_at");
        e.Ignore(x => x.MethodName);
        e.HasOne<Activities.Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Restrict);
        // Checking in twice counts once, also when two check-ins race: the second insert fails and the first is returned.
        e.HasIndex(x => new { x.ActivityId, x.UserName }).IsUnique().HasDatabaseName(OnePerUser);
        e.HasIndex(x => new { x.ActivityId, x.PersonId }).IsUnique().HasFilter("person_id IS NOT NULL").HasDatabaseName(OnePerPerson);
        e.HasIndex(x => new { x.PersonId, x.CheckedInAt }).HasFilter("person_id IS NOT NULL");
    }
}

public sealed class CheckInSecretConfiguration : IEntityTypeConfiguration<CheckInSecret>
{
    public void Configure(EntityTypeBuilder<CheckInSecret> e)
    {
        e.ToTable("check_in_secrets");
        e.HasKey(x => x.ActivityId);
        e.Property(x => x.ActivityId).HasColumnName("activity_id").ValueGeneratedNever();
        e.Property(x => x.Secret).HasColumnName("secret").IsRequired();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.HasOne<Activities.Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
