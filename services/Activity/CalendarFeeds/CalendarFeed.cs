using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.CalendarFeeds;

public enum CalendarFeedScope { Organization, Alliance }

/// <summary>
/// A subscribable iCalendar feed of one organization's or one alliance's activities (ADR 32). Its link carries a random
/// token of 256 bits, shown once when made; only the token's SHA-256 is stored, so the table cannot hand out links.
/// Revoking keeps the row (who made and revoked it, when) and the link stops working.
/// </summary>
public sealed class CalendarFeed
{
    public const int TokenBytes = 32;

    public Guid Id { get; private set; }
    public CalendarFeedScope Scope { get; private set; }
    public Guid ScopeId { get; private set; }
    public string Name { get; private set; } = "";
    public byte[] TokenHash { get; private set; } = [];
    /// <summary>The subsidiary of whoever made it (none for a group admin): whose admins and secretaries list and revoke it.</summary>
    public Guid? SubsidiaryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }

    private CalendarFeed() { }

    /// <returns>The feed and its token (base64url), which is not kept.</returns>
    public static (CalendarFeed Feed, string Token) Create(CalendarFeedScope scope, Guid scopeId, string name, Guid? subsidiaryId, string by, DateTimeOffset now)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        return (new CalendarFeed
        {
            Id = Guid.CreateVersion7(now), Scope = scope, ScopeId = scopeId, Name = name, TokenHash = Hash(token), SubsidiaryId = subsidiaryId,
            CreatedAt = now.ToUniversalTime(), CreatedBy = by,
        }, token);
    }

    public void Revoke(string by, DateTimeOffset now)
    {
        if (RevokedAt is not null) return;
        RevokedAt = now.ToUniversalTime();
        RevokedBy = by;
    }

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));

    /// <summary>Whether the text can be a token at all (43 characters of base64url), before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> e)
    {
        e.ToTable("calendar_feeds");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Scope).HasColumnName("scope").HasMaxLength(20)
            .HasConversion(s => s == CalendarFeedScope.Organization ? "organization" : "alliance", s => s == "organization" ? CalendarFeedScope.Organization : CalendarFeedScope.Alliance);
        e.Property(x => x.ScopeId).HasColumnName("scope_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
        e.Property(x => x.TokenHash).HasColumnName("token_hash").IsRequired();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.RevokedAt).HasColumnName("revoked_at");
        e.Property(x => x.RevokedBy).HasColumnName("revoked_by").HasMaxLength(200);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => new { x.SubsidiaryId, x.CreatedAt });
    }
}
