using Alliance.ServiceDefaults.Messaging;
using Alliance.Talent.Common;
using Alliance.Talent.Lists;
using Alliance.Talent.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Talent.Data;

/// <summary>The talent service's own database: profiles, dynamic lists, client requests, the outbox and inbox.</summary>
public sealed class TalentDbContext(DbContextOptions<TalentDbContext> options) : DbContext(options)
{
    public DbSet<Profile> Profiles => Set<Profile>();
    public DbSet<ProfileChange> ProfileChanges => Set<ProfileChange>();
    public DbSet<TalentList> TalentLists => Set<TalentList>();
    public DbSet<ListEntry> ListEntries => Set<ListEntry>();
    public DbSet<EntryChange> EntryChanges => Set<EntryChange>();
    public DbSet<Reevaluation> Reevaluations => Set<Reevaluation>();
    public DbSet<ClientRequest> ClientRequests => Set<ClientRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TalentDbContext).Assembly);
        modelBuilder.Entity<ClientRequest>(e =>
        {
            e.ToTable("client_requests");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasColumnName("key").HasMaxLength(300);
            e.Property(x => x.ResourceId).HasColumnName("resource_id");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
