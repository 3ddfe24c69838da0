using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.ActivityTypes;

public sealed class ActivityTypeConfiguration : IEntityTypeConfiguration<ActivityType>
{
    public void Configure(EntityTypeBuilder<ActivityType> e)
    {
        e.ToTable("activity_types");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Code).HasColumnName("code").HasMaxLength(ActivityType.MaxCodeLength).IsRequired();
        e.Property(x => x.NameZh).HasColumnName("name_zh").HasMaxLength(ActivityType.MaxNameLength).IsRequired();
        e.Property(x => x.NameEn).HasColumnName("name_en").HasMaxLength(ActivityType.MaxNameLength).IsRequired();
        e.Property(x => x.Measure).HasColumnName("measure").HasConversion(m => m.Name(), s => JointMeasures.FromName(s)!.Value).HasMaxLength(20);
        e.Property(x => x.Retired).HasColumnName("retired");
        e.Property(x => x.IsBuiltIn).HasColumnName("built_in");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.HasIndex(x => x.Code).IsUnique();
        e.HasData(ActivityType.BuiltIn);
    }
}
