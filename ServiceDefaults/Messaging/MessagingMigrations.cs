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

    /// <summary>The W3C trace context each outbox row was written in, which its publish continues (<see cref="OutboxTracing"/>).</summary>
    public static void OutboxTraceContext(this MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "trace_parent", table: MessagingModelExtensions.OutboxTable,
            type: "character varying(55)", maxLength: 55, nullable: true);
        migrationBuilder.AddColumn<string>(name: "trace_state", table: MessagingModelExtensions.OutboxTable, type: "text", nullable: true);
    }

    /// <summary>Outbox rows without their trace context again.</summary>
    public static void OutboxWithoutTraceContext(this MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "trace_parent", table: MessagingModelExtensions.OutboxTable);
        migrationBuilder.DropColumn(name: "trace_state", table: MessagingModelExtensions.OutboxTable);
    }
}
