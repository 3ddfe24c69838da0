using Microsoft.EntityFrameworkCore.Migrations;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>Changes to the outbox and inbox tables, which every service's migrations make alike.</summary>
public static class MessagingMigrations
{
    /// <summary>Outbox bodies as text compressed with lz4 instead of jsonb with pglz (ADR 19).</summary>
    public static void OutboxBodyAsText(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql($"ALTER TABLE {MessagingModelExtensions.QuotedOutboxTable} ALTER COLUMN body TYPE text, ALTER COLUMN body SET COMPRESSION lz4;");

    /// <summary>Back to jsonb with the default compression.</summary>
    public static void OutboxBodyAsJsonb(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql($"ALTER TABLE {MessagingModelExtensions.QuotedOutboxTable} ALTER COLUMN body TYPE jsonb USING body::jsonb, ALTER COLUMN body SET COMPRESSION DEFAULT;");
}
