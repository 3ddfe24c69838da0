using Alliance.Activity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Alliance.Activity.Supervision;

/// <summary>An alliance's own "due soon" days, overriding the group's setting (<see cref="SupervisionOptions.DueSoonDays"/>).</summary>
public sealed class AllianceSupervisionSetting
{
    public const int MaxDueSoonDays = 60;

    public Guid AllianceId { get; private set; }
    public int DueSoonDays { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    private AllianceSupervisionSetting() { }

    public static AllianceSupervisionSetting For(Guid allianceId) => new() { AllianceId = allianceId };

    public void Set(int dueSoonDays, string by, DateTimeOffset now)
    {
        DueSoonDays = dueSoonDays;
        UpdatedAt = now.ToUniversalTime();
        UpdatedBy = by;
        Version++;
    }
}

public sealed class AllianceSupervisionSettingConfiguration : IEntityTypeConfiguration<AllianceSupervisionSetting>
{
    public void Configure(EntityTypeBuilder<AllianceSupervisionSetting> e)
    {
        e.ToTable("alliance_supervision_settings");
        e.HasKey(x => x.AllianceId);
        e.Property(x => x.AllianceId).HasColumnName("alliance_id").ValueGeneratedNever();
        e.Property(x => x.DueSoonDays).HasColumnName("due_soon_days");
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
    }
}

/// <summary>
/// How many days before its due date an item turns yellow: its alliance's setting where it has one, else the group's. The
/// alliances with a setting of their own are few (one row each), so they are read whole where many items are coloured.
/// </summary>
public sealed class SupervisionSettings(ActivityDbContext db, IOptions<SupervisionOptions> options)
{
    public int GroupDefault => options.Value.DueSoonDays;

    public async Task<int> ForAsync(Guid allianceId, CancellationToken ct) =>
        await db.Set<AllianceSupervisionSetting>().AsNoTracking().Where(s => s.AllianceId == allianceId)
            .Select(s => (int?)s.DueSoonDays).SingleOrDefaultAsync(ct) ?? GroupDefault;

    public async Task<IReadOnlyDictionary<Guid, int>> AllianceSettingsAsync(CancellationToken ct) =>
        await db.Set<AllianceSupervisionSetting>().AsNoTracking().ToDictionaryAsync(s => s.AllianceId, s => s.DueSoonDays, ct);
}
