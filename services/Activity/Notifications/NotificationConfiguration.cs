using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Notifications;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("notifications");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Key).HasColumnName("key").HasMaxLength(300).IsRequired();
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(30).IsRequired();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(Notification.MaxTitleLength).IsRequired();
        e.Property(x => x.Text).HasColumnName("text").HasMaxLength(Notification.MaxTextLength).IsRequired();
        e.Property(x => x.Link).HasColumnName("link").HasMaxLength(300);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.HasIndex(x => x.Key).IsUnique();
        e.HasIndex(x => new { x.SubsidiaryId, x.CreatedAt });
    }
}

public sealed class NotificationReadConfiguration : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> e)
    {
        e.ToTable("notification_reads");
        e.HasKey(x => new { x.NotificationId, x.UserId });
        e.Property(x => x.NotificationId).HasColumnName("notification_id");
        e.Property(x => x.UserId).HasColumnName("user_id").HasMaxLength(200);
        e.Property(x => x.ReadAt).HasColumnName("read_at");
        e.HasOne<Notification>().WithMany().HasForeignKey(x => x.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> e)
    {
        e.ToTable("notification_channels");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Kind).HasColumnName("kind").HasConversion(k => k.Name(), s => ChannelKinds.FromName(s)!.Value).HasMaxLength(20);
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(NotificationChannel.MaxNameLength).IsRequired();
        e.Property(x => x.Target).HasColumnName("target").HasMaxLength(NotificationChannel.MaxTargetLength).IsRequired();
        e.Property(x => x.Secret).HasColumnName("secret").HasMaxLength(NotificationChannel.MaxSecretLength);
        e.Property(x => x.Enabled).HasColumnName("enabled");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Addresses);
        e.Ignore(x => x.ShownTarget);
        e.HasIndex(x => x.SubsidiaryId);
    }
}

public sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> e)
    {
        e.ToTable("notification_deliveries");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.NotificationId).HasColumnName("notification_id");
        e.Property(x => x.ChannelId).HasColumnName("channel_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Channel).HasColumnName("channel").HasConversion(k => k.Name(), s => ChannelKinds.FromName(s)!.Value).HasMaxLength(20);
        e.Property(x => x.State).HasColumnName("state")
            .HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<DeliveryState>(s, true)).HasMaxLength(20);
        e.Property(x => x.Attempts).HasColumnName("attempts");
        e.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
        e.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(Delivery.MaxErrorLength);
        e.Property(x => x.SentAt).HasColumnName("sent_at");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.HasOne<Notification>().WithMany().HasForeignKey(x => x.NotificationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<NotificationChannel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Restrict);
        // The worker's claim reads due rows that are not done; the console lists a subsidiary's newest.
        e.HasIndex(x => x.NextAttemptAt).HasFilter("state IN ('pending', 'retrying')").HasDatabaseName("ix_notification_deliveries_due");
        e.HasIndex(x => new { x.SubsidiaryId, x.CreatedAt });
        e.HasIndex(x => x.NotificationId);
    }
}
