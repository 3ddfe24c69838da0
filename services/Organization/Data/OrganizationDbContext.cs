using Alliance.Organization.Common;
using Alliance.Organization.Organizations;
using Alliance.Organization.Subsidiaries;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Organization.Data;

public sealed class OrganizationDbContext(DbContextOptions<OrganizationDbContext> options) : DbContext(options)
{
    public DbSet<Subsidiary> Subsidiaries => Set<Subsidiary>();
    public DbSet<PartyOrganization> Organizations => Set<PartyOrganization>();
    public DbSet<ClientRequest> ClientRequests => Set<ClientRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasPostgresExtension("btree_gist"); // the one-secretary exclusion constraint (People/PeopleMappings.cs)
        modelBuilder.Entity<Subsidiary>(e =>
        {
            e.ToTable("subsidiaries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(Subsidiary.MaxCodeLength).IsRequired();
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(Subsidiary.MaxNameLength).IsRequired();
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.HasIndex(x => x.Code).IsUnique();
        });
        modelBuilder.Entity<PartyOrganization>(e =>
        {
            e.ToTable("party_organizations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
            e.Property(x => x.ParentId).HasColumnName("parent_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(PartyOrganization.MaxNameLength).IsRequired();
            e.Property(x => x.NameSearch).HasColumnName("name_search");
            e.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Path).HasColumnName("path").HasMaxLength(2000).IsRequired();
            e.Property(x => x.Depth).HasColumnName("depth");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
            e.HasIndex(x => new { x.SubsidiaryId, x.ParentId });
            e.HasIndex(x => x.Path).UseCollation("C");
            // search: name LIKE '%…%' OR name_search LIKE '%…%' (docs/adr/0006-pinyin-search.md).
            e.HasIndex(x => x.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_party_organizations_name_trgm");
            e.HasIndex(x => x.NameSearch).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_party_organizations_name_search_trgm");
            e.HasOne<Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PartyOrganization>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ClientRequest>(e =>
        {
            e.ToTable("client_requests");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasColumnName("key").HasMaxLength(300);
            e.Property(x => x.ResourceId).HasColumnName("resource_id");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
        });
        // Features keep their own mappings beside them (IEntityTypeConfiguration in Alliances/, People/, ...).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrganizationDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
