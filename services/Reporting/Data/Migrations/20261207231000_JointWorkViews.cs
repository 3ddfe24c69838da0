using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Reporting.Data.Migrations
{
    /// <summary>Joint work's further views (ADR 37): invitations and check-ins, meeting rules, decision items, and organizations' kinds.</summary>
    public partial class JointWorkViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ended",
                table: "organization_names",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "organization_names",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "check_in_views",
                columns: table => new
                {
                    check_in_id = table.Column<Guid>(type: "uuid", nullable: false),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_in_views", x => x.check_in_id);
                });

            migrationBuilder.CreateTable(
                name: "decision_item_views",
                columns: table => new
                {
                    decision_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_member_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    colour = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    state_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    verified_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_item_views", x => x.decision_item_id);
                });

            migrationBuilder.CreateTable(
                name: "invitation_views",
                columns: table => new
                {
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    expected_count = table.Column<int>(type: "integer", nullable: false),
                    withdrawn = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitation_views", x => x.participant_id);
                });

            migrationBuilder.CreateTable(
                name: "meeting_rule_views",
                columns: table => new
                {
                    rule_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organization_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    activity_type_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    retired = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_rule_views", x => x.rule_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_check_in_views_activity_id",
                table: "check_in_views",
                column: "activity_id");

            migrationBuilder.CreateIndex(
                name: "IX_decision_item_views_alliance_id",
                table: "decision_item_views",
                column: "alliance_id");

            migrationBuilder.CreateIndex(
                name: "IX_decision_item_views_due_on",
                table: "decision_item_views",
                column: "due_on");

            migrationBuilder.CreateIndex(
                name: "IX_invitation_views_activity_id",
                table: "invitation_views",
                column: "activity_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_in_views");

            migrationBuilder.DropTable(
                name: "decision_item_views");

            migrationBuilder.DropTable(
                name: "invitation_views");

            migrationBuilder.DropTable(
                name: "meeting_rule_views");

            migrationBuilder.DropColumn(
                name: "ended",
                table: "organization_names");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "organization_names");
        }
    }
}
