using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Alliance.Activity.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationLife : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meeting_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organization_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    activity_type_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    remind_days_before = table.Column<int>(type: "integer", nullable: false),
                    retired = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notification_channels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    target = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    secret = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_channels", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "meeting_rule_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    rule = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_rule_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_meeting_rule_changes_meeting_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "meeting_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notification_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "FK_notification_deliveries_notification_channels_channel_id",
                        column: x => x.channel_id,
                        principalTable: "notification_channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_notification_deliveries_notifications_notification_id",
                        column: x => x.notification_id,
                        principalTable: "notifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_reads",
                columns: table => new
                {
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_reads", x => new { x.notification_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_notification_reads_notifications_notification_id",
                        column: x => x.notification_id,
                        principalTable: "notifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "activity_types",
                columns: new[] { "id", "code", "created_at", "created_by", "built_in", "measure", "name_en", "name_zh", "retired", "updated_at", "updated_by", "version" },
                values: new object[,]
                {
                    { new Guid("0199a000-0000-7000-8000-000000000008"), "branch-assembly", new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", true, "organization", "Branch members' assembly", "支部党员大会", false, new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", 1L },
                    { new Guid("0199a000-0000-7000-8000-000000000009"), "branch-committee", new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", true, "organization", "Branch committee meeting", "支委会", false, new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", 1L },
                    { new Guid("0199a000-0000-7000-8000-00000000000a"), "group-meeting", new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", true, "organization", "Party group meeting", "党小组会", false, new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", 1L },
                    { new Guid("0199a000-0000-7000-8000-00000000000b"), "party-lesson", new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", true, "study", "Party lesson", "党课", false, new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", 1L },
                    { new Guid("0199a000-0000-7000-8000-00000000000c"), "committee-meeting", new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", true, "organization", "Committee meeting", "委员会会议", false, new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", 1L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_rule_changes_rule_id_version",
                table: "meeting_rule_changes",
                columns: new[] { "rule_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_rules_organization_kind_subsidiary_id",
                table: "meeting_rules",
                columns: new[] { "organization_kind", "subsidiary_id" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_channels_subsidiary_id",
                table: "notification_channels",
                column: "subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_channel_id",
                table: "notification_deliveries",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_notification_id",
                table: "notification_deliveries",
                column: "notification_id");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_subsidiary_id_created_at",
                table: "notification_deliveries",
                columns: new[] { "subsidiary_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_deliveries_due",
                table: "notification_deliveries",
                column: "next_attempt_at",
                filter: "state IN ('pending', 'retrying')");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_key",
                table: "notifications",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_subsidiary_id_created_at",
                table: "notifications",
                columns: new[] { "subsidiary_id", "created_at" });

            // The group's default organization-life rules (三会一课); administrators revise or retire them like any other.
            migrationBuilder.Sql("""
                INSERT INTO meeting_rules (id, subsidiary_id, organization_kind, name_zh, name_en, period, activity_type_ids, remind_days_before,
                                           retired, created_at, created_by, updated_at, updated_by, version)
                SELECT r.id::uuid, NULL, r.kind, r.zh, r.en, r.period, r.types::uuid[], r.days, false,
                       '2026-12-08T00:00:00Z', 'system', '2026-12-08T00:00:00Z', 'system', 1
                FROM (VALUES
                  ('0199a001-0000-7000-8000-000000000001', 'branch', '支部党员大会', 'Branch members'' assembly', 'quarterly', '{0199a000-0000-7000-8000-000000000008}', 10),
                  ('0199a001-0000-7000-8000-000000000002', 'branch', '支委会', 'Branch committee meeting', 'monthly', '{0199a000-0000-7000-8000-000000000009}', 5),
                  ('0199a001-0000-7000-8000-000000000003', 'branch', '党小组会', 'Party group meeting', 'monthly', '{0199a000-0000-7000-8000-00000000000a}', 5),
                  ('0199a001-0000-7000-8000-000000000004', 'branch', '党课', 'Party lesson', 'quarterly', '{0199a000-0000-7000-8000-00000000000b,0199a000-0000-7000-8000-000000000003}', 10),
                  ('0199a001-0000-7000-8000-000000000005', 'general-branch', '党员大会', 'Members'' assembly', 'half-yearly', '{0199a000-0000-7000-8000-000000000008}', 15),
                  ('0199a001-0000-7000-8000-000000000006', 'general-branch', '总支委员会', 'General branch committee meeting', 'monthly', '{0199a000-0000-7000-8000-00000000000c,0199a000-0000-7000-8000-000000000009}', 5),
                  ('0199a001-0000-7000-8000-000000000007', 'general-branch', '党课', 'Party lesson', 'half-yearly', '{0199a000-0000-7000-8000-00000000000b,0199a000-0000-7000-8000-000000000003}', 15),
                  ('0199a001-0000-7000-8000-000000000008', 'committee', '党委会', 'Party committee meeting', 'monthly', '{0199a000-0000-7000-8000-00000000000c}', 5),
                  ('0199a001-0000-7000-8000-000000000009', 'committee', '党课', 'Party lesson', 'half-yearly', '{0199a000-0000-7000-8000-00000000000b,0199a000-0000-7000-8000-000000000003}', 15)
                ) AS r(id, kind, zh, en, period, types, days);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meeting_rule_changes");

            migrationBuilder.DropTable(
                name: "notification_deliveries");

            migrationBuilder.DropTable(
                name: "notification_reads");

            migrationBuilder.DropTable(
                name: "meeting_rules");

            migrationBuilder.DropTable(
                name: "notification_channels");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DeleteData(
                table: "activity_types",
                keyColumn: "id",
                keyValue: new Guid("0199a000-0000-7000-8000-000000000008"));

            migrationBuilder.DeleteData(
                table: "activity_types",
                keyColumn: "id",
                keyValue: new Guid("0199a000-0000-7000-8000-000000000009"));

            migrationBuilder.DeleteData(
                table: "activity_types",
                keyColumn: "id",
                keyValue: new Guid("0199a000-0000-7000-8000-00000000000a"));

            migrationBuilder.DeleteData(
                table: "activity_types",
                keyColumn: "id",
                keyValue: new Guid("0199a000-0000-7000-8000-00000000000b"));

            migrationBuilder.DeleteData(
                table: "activity_types",
                keyColumn: "id",
                keyValue: new Guid("0199a000-0000-7000-8000-00000000000c"));
        }
    }
}
