using Alliance.Reporting.Alliances;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Pairings;
using Alliance.Reporting.People;
using Alliance.Reporting.ReadModels;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Data;

/// <summary>Read models only, built from events; the inbox makes every projection apply once.</summary>
public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options)
{
    public DbSet<SubsidiaryCounts> SubsidiaryCounts => Set<SubsidiaryCounts>();
    public DbSet<AllianceView> Alliances => Set<AllianceView>();
    public DbSet<AllianceUnitView> AllianceUnits => Set<AllianceUnitView>();
    public DbSet<MemberView> Members => Set<MemberView>();
    public DbSet<PersonView> People => Set<PersonView>();
    public DbSet<RoleView> Roles => Set<RoleView>();
    public DbSet<PairingView> Pairings => Set<PairingView>();
    public DbSet<OrganizationName> OrganizationNames => Set<OrganizationName>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new Activities.ActivityViewConfiguration());
        modelBuilder.ApplyConfiguration(new Activities.ActivityHostViewConfiguration());
        modelBuilder.ApplyConfiguration(new Attendance.InvitationViewConfiguration());
        modelBuilder.ApplyConfiguration(new Attendance.CheckInViewConfiguration());
        modelBuilder.ApplyConfiguration(new OrganizationLife.MeetingRuleViewConfiguration());
        modelBuilder.ApplyConfiguration(new Supervision.DecisionItemViewConfiguration());
        modelBuilder.Entity<SubsidiaryCounts>(e =>
        {
            e.ToTable("subsidiary_counts");
            e.HasKey(x => x.SubsidiaryId);
            e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(x => x.Registered).HasColumnName("registered");
            e.Property(x => x.Organizations).HasColumnName("organizations");
            e.Property(x => x.Committees).HasColumnName("committees");
            e.Property(x => x.GeneralBranches).HasColumnName("general_branches");
            e.Property(x => x.Branches).HasColumnName("branches");
            e.Property(x => x.Groups).HasColumnName("groups");
        });
        modelBuilder.Entity<AllianceView>(e =>
        {
            e.ToTable("alliance_views");
            e.HasKey(x => x.AllianceId);
            e.Property(x => x.AllianceId).HasColumnName("alliance_id");
            e.Property(x => x.Formed).HasColumnName("formed");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.NameAt).HasColumnName("name_at");
            e.Property(x => x.LeadSubsidiaryId).HasColumnName("lead_subsidiary_id");
            e.Property(x => x.RotationOrder).HasColumnName("rotation_order");
            e.Property(x => x.RotationStartsOn).HasColumnName("rotation_starts_on");
            e.Property(x => x.RotationPeriodMonths).HasColumnName("rotation_period_months");
            e.Property(x => x.RotationAt).HasColumnName("rotation_at");
            e.HasIndex(x => x.LeadSubsidiaryId);
        });
        modelBuilder.Entity<AllianceUnitView>(e =>
        {
            e.ToTable("alliance_units");
            e.HasKey(x => x.MemberUnitId);
            e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
            e.Property(x => x.AllianceId).HasColumnName("alliance_id");
            e.Property(x => x.Joined).HasColumnName("joined");
            e.Property(x => x.OrganizationId).HasColumnName("organization_id");
            e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.LeftOn).HasColumnName("left_on");
            e.HasIndex(x => x.AllianceId);
            e.HasIndex(x => x.SubsidiaryId);
        });
        modelBuilder.Entity<OrganizationName>(e =>
        {
            e.ToTable("organization_names");
            e.HasKey(x => x.OrganizationId);
            e.Property(x => x.OrganizationId).HasColumnName("organization_id");
            e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(x => x.NamedAt).HasColumnName("named_at");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20);
            e.Property(x => x.Ended).HasColumnName("ended");
            e.HasIndex(x => x.SubsidiaryId);
        });
        modelBuilder.Entity<MemberView>(e =>
        {
            e.ToTable("member_views");
            e.HasKey(x => x.PersonId);
            e.Property(x => x.PersonId).HasColumnName("person_id");
            e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
            e.Property(x => x.OrganizationId).HasColumnName("organization_id");
            e.Property(x => x.OrganizationAt).HasColumnName("organization_at");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(32);
            e.Property(x => x.StatusAt).HasColumnName("status_at");
            e.HasIndex(x => x.SubsidiaryId);
        });
        modelBuilder.Entity<PersonView>(e =>
        {
            e.ToTable("person_views");
            e.HasKey(x => x.PersonId);
            e.Property(x => x.PersonId).HasColumnName("person_id");
            e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
            e.Property(x => x.HoldsManagementPost).HasColumnName("holds_management_post");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });
        modelBuilder.Entity<RoleView>(e =>
        {
            e.ToTable("role_views");
            e.HasKey(x => x.RoleId);
            e.Property(x => x.RoleId).HasColumnName("role_id");
            e.Property(x => x.PersonId).HasColumnName("person_id");
            e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
            e.Property(x => x.OrganizationId).HasColumnName("organization_id");
            e.Property(x => x.Role).HasColumnName("role").HasMaxLength(32);
            e.Property(x => x.StartsOn).HasColumnName("starts_on");
            e.Property(x => x.EndsOn).HasColumnName("ends_on");
            e.HasIndex(x => x.SubsidiaryId);
        });
        modelBuilder.Entity<PairingView>(e =>
        {
            e.ToTable("pairing_views");
            e.HasKey(x => x.PairingId);
            e.Property(x => x.PairingId).HasColumnName("pairing_id");
            e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
            e.Property(x => x.PartnerSubsidiaryId).HasColumnName("partner_subsidiary_id");
            e.Property(x => x.AgreementSequence).HasColumnName("agreement_sequence");
            e.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            e.Property(x => x.ExpiresOn).HasColumnName("expires_on");
            e.Property(x => x.EndedOn).HasColumnName("ended_on");
            e.HasIndex(x => x.SubsidiaryId);
            e.HasIndex(x => x.PartnerSubsidiaryId);
        });
        modelBuilder.Entity<ReadModelBuild>(e =>
        {
            e.ToTable("read_model_builds");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.FilledAt).HasColumnName("filled_at");
            e.Property(x => x.StateEvents).HasColumnName("state_events");
            e.Property(x => x.IncludedEvents).HasColumnName("included_events");
        });
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
