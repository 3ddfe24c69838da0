using Alliance.Reporting.Dashboards;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Data;

/// <summary>Read models only, built from events; the inbox makes every projection apply once.</summary>
public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options)
{
    public DbSet<SubsidiaryCounts> SubsidiaryCounts => Set<SubsidiaryCounts>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
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
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
