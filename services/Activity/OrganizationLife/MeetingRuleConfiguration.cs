using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.OrganizationLife;

public sealed class MeetingRuleConfiguration : IEntityTypeConfiguration<MeetingRule>
{
    public void Configure(EntityTypeBuilder<MeetingRule> e)
    {
        e.ToTable("meeting_rules");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.OrganizationKind).HasColumnName("organization_kind")
            .HasConversion(k => k.Name(), s => PartyOrganizationKinds.FromName(s)!.Value).HasMaxLength(20);
        e.Property(x => x.NameZh).HasColumnName("name_zh").HasMaxLength(MeetingRule.MaxNameLength).IsRequired();
        e.Property(x => x.NameEn).HasColumnName("name_en").HasMaxLength(MeetingRule.MaxNameLength).IsRequired();
        e.Property(x => x.Period).HasColumnName("period").HasConversion(p => p.Name(), s => PeriodLengths.FromName(s)!.Value).HasMaxLength(20);
        e.Property(x => x.ActivityTypeIds).HasColumnName("activity_type_ids");
        e.Property(x => x.RemindDaysBefore).HasColumnName("remind_days_before");
        e.Property(x => x.Retired).HasColumnName("retired");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Changes);
        e.HasIndex(x => new { x.OrganizationKind, x.SubsidiaryId });
    }
}

public sealed class MeetingRuleChangeConfiguration : IEntityTypeConfiguration<MeetingRuleChange>
{
    public void Configure(EntityTypeBuilder<MeetingRuleChange> e)
    {
        e.IsAuditLogOf<MeetingRuleChange, MeetingRule>("meeting_rule_changes", x => x.RuleId, "rule_id");
        e.Property(x => x.Rule).HasColumnName("rule").HasColumnType("jsonb");
    }
}
