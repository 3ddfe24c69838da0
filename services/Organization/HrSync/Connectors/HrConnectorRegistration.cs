using Alliance.Organization.Subsidiaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.HrSync.Connectors;

/// <summary>
/// A pull connector of one subsidiary: its definition, its schedule, the cursor the last applied page ended with, and
/// how the last run went. The secret (token or header value) is kept AES-GCM encrypted like people's personal data.
/// </summary>
public sealed class HrConnectorRegistration
{
    public const int MaxNameLength = 100;
    public const int MinIntervalSeconds = 60;
    public const int MaxIntervalSeconds = 7 * 24 * 3600;
    public const int MaxErrorLength = 1000;

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string Name { get; private set; } = "";
    public string DefinitionJson { get; private set; } = "{}";
    public byte[]? SecretCipher { get; private set; }
    public int IntervalSeconds { get; private set; }
    public bool Enabled { get; private set; }
    public string? Cursor { get; private set; }
    /// <summary>When the scheduler should run it next; a "run now" sets it to now.</summary>
    public DateTimeOffset NextRunAt { get; private set; }
    public DateTimeOffset? LastRunAt { get; private set; }
    /// <summary>running, succeeded or failed; null before the first run.</summary>
    public string? LastRunStatus { get; private set; }
    public string? LastRunError { get; private set; }
    public int LastRunCreated { get; private set; }
    public int LastRunUpdated { get; private set; }
    public int LastRunDeactivated { get; private set; }
    public int LastRunPages { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private HrConnectorRegistration() { }

    public static HrConnectorRegistration Create(Guid subsidiaryId, string name, ConnectorDefinition definition, byte[]? secretCipher,
        int intervalSeconds, bool enabled, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), SubsidiaryId = subsidiaryId, Name = name.Trim(), DefinitionJson = definition.ToJson(),
        SecretCipher = secretCipher, IntervalSeconds = intervalSeconds, Enabled = enabled, NextRunAt = now, CreatedAt = now, Version = 1,
    };

    public ConnectorDefinition Definition => ConnectorDefinition.FromJson(DefinitionJson);

    /// <summary>A changed definition starts again from no cursor (a full pull; applying is idempotent).</summary>
    public void Change(string name, ConnectorDefinition definition, byte[]? secretCipher, bool keepSecret, int intervalSeconds)
    {
        var json = definition.ToJson();
        if (json != DefinitionJson) Cursor = null;
        Name = name.Trim();
        DefinitionJson = json;
        if (!keepSecret) SecretCipher = secretCipher;
        if (intervalSeconds != IntervalSeconds) NextRunAt = (LastRunAt ?? CreatedAt).AddSeconds(intervalSeconds);
        IntervalSeconds = intervalSeconds;
        Version++;
    }

    public void SetEnabled(bool enabled, DateTimeOffset now)
    {
        if (enabled && !Enabled) NextRunAt = now;
        Enabled = enabled;
        Version++;
    }

    public void RunNow(DateTimeOffset now)
    {
        NextRunAt = now;
        Version++;
    }

    public void Started(DateTimeOffset now)
    {
        LastRunAt = now;
        LastRunStatus = RunStatuses.Running;
        LastRunError = null;
        (LastRunCreated, LastRunUpdated, LastRunDeactivated, LastRunPages) = (0, 0, 0, 0);
        NextRunAt = now.AddSeconds(IntervalSeconds);
    }

    /// <summary>A page applied: the cursor moves past it (only now, so a crash re-pulls it: at-least-once).</summary>
    public void PageApplied(string? cursor, HrApplyResult result)
    {
        Cursor = cursor;
        LastRunCreated += result.Created;
        LastRunUpdated += result.Updated;
        LastRunDeactivated += result.Deactivated;
        LastRunPages++;
    }

    public void Finished(string? error)
    {
        LastRunStatus = error is null ? RunStatuses.Succeeded : RunStatuses.Failed;
        LastRunError = error is null ? null : error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
    }
}

public static class RunStatuses
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

public sealed class HrConnectorRegistrationConfiguration : IEntityTypeConfiguration<HrConnectorRegistration>
{
    public void Configure(EntityTypeBuilder<HrConnectorRegistration> e)
    {
        e.ToTable("hr_connectors");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(HrConnectorRegistration.MaxNameLength).IsRequired();
        e.Property(x => x.DefinitionJson).HasColumnName("definition").HasColumnType("jsonb").IsRequired();
        e.Property(x => x.SecretCipher).HasColumnName("secret_cipher");
        e.Property(x => x.IntervalSeconds).HasColumnName("interval_seconds");
        e.Property(x => x.Enabled).HasColumnName("enabled");
        e.Property(x => x.Cursor).HasColumnName("cursor").HasMaxLength(2000);
        e.Property(x => x.NextRunAt).HasColumnName("next_run_at");
        e.Property(x => x.LastRunAt).HasColumnName("last_run_at");
        e.Property(x => x.LastRunStatus).HasColumnName("last_run_status").HasMaxLength(20);
        e.Property(x => x.LastRunError).HasColumnName("last_run_error").HasMaxLength(HrConnectorRegistration.MaxErrorLength);
        e.Property(x => x.LastRunCreated).HasColumnName("last_run_created");
        e.Property(x => x.LastRunUpdated).HasColumnName("last_run_updated");
        e.Property(x => x.LastRunDeactivated).HasColumnName("last_run_deactivated");
        e.Property(x => x.LastRunPages).HasColumnName("last_run_pages");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Ignore(x => x.Definition);
        e.HasIndex(x => new { x.SubsidiaryId, x.Name }).IsUnique();
        e.HasIndex(x => x.NextRunAt).HasFilter("enabled");
        e.HasOne<Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
    }
}
