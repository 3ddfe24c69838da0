using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Attachments;

/// <summary>A file attached to an activity, kept in the activity service's database. Removing it keeps who removed it and when.</summary>
public sealed class ActivityAttachment
{
    public Guid Id { get; private set; }
    public Guid ActivityId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
    public string? DeletedBy { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    private ActivityAttachment() { }

    public static ActivityAttachment Create(Guid activityId, string fileName, string contentType, byte[] content, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ActivityId = activityId, FileName = fileName, ContentType = contentType, SizeBytes = content.Length,
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), Content = content, UploadedBy = by, UploadedAt = now,
    };

    public void Delete(string by, DateTimeOffset now)
    {
        DeletedBy = by;
        DeletedAt = now;
        Content = [];
    }
}

public sealed class ActivityAttachmentConfiguration : IEntityTypeConfiguration<ActivityAttachment>
{
    public void Configure(EntityTypeBuilder<ActivityAttachment> e)
    {
        e.ToTable("activity_attachments");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ActivityId).HasColumnName("activity_id");
        e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(AttachmentFiles.MaxFileNameLength);
        e.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(100);
        e.Property(x => x.SizeBytes).HasColumnName("size_bytes");
        e.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
        e.Property(x => x.Content).HasColumnName("content");
        e.Property(x => x.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(100);
        e.Property(x => x.UploadedAt).HasColumnName("uploaded_at");
        e.Property(x => x.DeletedBy).HasColumnName("deleted_by").HasMaxLength(100);
        e.Property(x => x.DeletedAt).HasColumnName("deleted_at");
        e.HasIndex(x => x.ActivityId);
        e.HasOne<Activities.Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Restrict);
    }
}
