using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Reporting.OrganizationLife;

/// <summary>
/// A meeting rule (三会一课) as its latest version left it: the kind of organization it binds (in a subsidiary, or every
/// subsidiary for a group rule), its period and the activity types that count as holding it.
/// </summary>
public sealed class MeetingRuleView
{
    public Guid RuleId { get; set; }
    public Guid? SubsidiaryId { get; set; }
    public string OrganizationKind { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string Period { get; set; } = "";
    public List<Guid> ActivityTypeIds { get; set; } = [];
    public bool Retired { get; set; }
    public long Version { get; set; }
}

public sealed class MeetingRuleViewConfiguration : IEntityTypeConfiguration<MeetingRuleView>
{
    public void Configure(EntityTypeBuilder<MeetingRuleView> e)
    {
        e.ToTable("meeting_rule_views");
        e.HasKey(x => x.RuleId);
        e.Property(x => x.RuleId).HasColumnName("rule_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.OrganizationKind).HasColumnName("organization_kind").HasMaxLength(20);
        e.Property(x => x.NameZh).HasColumnName("name_zh").HasMaxLength(100);
        e.Property(x => x.NameEn).HasColumnName("name_en").HasMaxLength(100);
        e.Property(x => x.Period).HasColumnName("period").HasMaxLength(20);
        e.Property(x => x.ActivityTypeIds).HasColumnName("activity_type_ids");
        e.Property(x => x.Retired).HasColumnName("retired");
        e.Property(x => x.Version).HasColumnName("version");
    }
}
