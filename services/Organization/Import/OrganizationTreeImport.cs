using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.Import;

/// <summary>
/// An applied organization-tree import: its totals, and the whole result as sent to the caller (the contract's
/// TreeImportResult, serialized), so a retried apply returns exactly the first answer.
/// </summary>
public sealed class OrganizationTreeImport
{
    public const int MaxImportedByLength = 200;

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string? ImportedBy { get; private set; }
    public int TotalRows { get; private set; }
    public int Created { get; private set; }
    public int AlreadyExisting { get; private set; }
    public int Skipped { get; private set; }
    public byte[] Result { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    private OrganizationTreeImport() { }

    public static OrganizationTreeImport Record(Guid id, Guid subsidiaryId, string? importedBy, OrganizationTreeImportPlan plan, DateTimeOffset now) => new()
    {
        Id = id,
        SubsidiaryId = subsidiaryId,
        ImportedBy = importedBy,
        TotalRows = plan.Rows.Count,
        Created = plan.CreateCount,
        AlreadyExisting = plan.ExistsCount,
        Skipped = plan.ErrorCount,
        CreatedAt = now,
    };

    public void KeepResult(byte[] result) => Result = result;
}

public sealed class OrganizationTreeImportConfiguration : IEntityTypeConfiguration<OrganizationTreeImport>
{
    public void Configure(EntityTypeBuilder<OrganizationTreeImport> e)
    {
        e.ToTable("organization_tree_imports");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.ImportedBy).HasColumnName("imported_by").HasMaxLength(OrganizationTreeImport.MaxImportedByLength);
        e.Property(x => x.TotalRows).HasColumnName("total_rows");
        e.Property(x => x.Created).HasColumnName("created");
        e.Property(x => x.AlreadyExisting).HasColumnName("already_existing");
        e.Property(x => x.Skipped).HasColumnName("skipped");
        e.Property(x => x.Result).HasColumnName("result").IsRequired();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.HasIndex(x => x.SubsidiaryId);
        e.HasOne<Subsidiaries.Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
    }
}
