using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Activity.Data.Migrations
{
    /// <summary>Joint meetings, decision items and their append-only history (a trigger refuses UPDATE, DELETE and TRUNCATE).</summary>
    public partial class DecisionItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "joint_meetings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    lead_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    visible_subsidiary_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    minutes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    attendees = table.Column<string>(type: "jsonb", nullable: false),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joint_meetings", x => x.id);
                    table.ForeignKey(
                        name: "FK_joint_meetings_activities_activity_id",
                        column: x => x.activity_id,
                        principalTable: "activities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "decision_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    visible_subsidiary_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    acceptance_criteria = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    owner_member_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owner_person = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    milestones = table.Column<string>(type: "jsonb", nullable: false),
                    next_milestone_on = table.Column<DateOnly>(type: "date", nullable: true),
                    supervisor_member_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    supervisor_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    supervisor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    colour = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claimed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_items", x => x.id);
                    table.ForeignKey(
                        name: "FK_decision_items_joint_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "joint_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "decision_item_history",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    from_state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    to_state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from_colour = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    to_colour = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    links = table.Column<string>(type: "jsonb", nullable: false),
                    attachment_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_item_history", x => x.id);
                    table.ForeignKey(
                        name: "FK_decision_item_history_decision_items_decision_item_id",
                        column: x => x.decision_item_id,
                        principalTable: "decision_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_decision_item_history_decision_item_id_version",
                table: "decision_item_history",
                columns: new[] { "decision_item_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_decision_items_alliance_id_state",
                table: "decision_items",
                columns: new[] { "alliance_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_decision_items_meeting_id_created_at",
                table: "decision_items",
                columns: new[] { "meeting_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_decision_items_owner_member_unit_id_state",
                table: "decision_items",
                columns: new[] { "owner_member_unit_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_decision_items_state_due_on",
                table: "decision_items",
                columns: new[] { "state", "due_on" });

            migrationBuilder.CreateIndex(
                name: "IX_decision_items_supervisor_member_unit_id_state",
                table: "decision_items",
                columns: new[] { "supervisor_member_unit_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_decision_items_visible_subsidiary_ids",
                table: "decision_items",
                column: "visible_subsidiary_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_joint_meetings_activity_id",
                table: "joint_meetings",
                column: "activity_id");

            migrationBuilder.CreateIndex(
                name: "IX_joint_meetings_alliance_id_starts_at",
                table: "joint_meetings",
                columns: new[] { "alliance_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "IX_joint_meetings_starts_at",
                table: "joint_meetings",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "IX_joint_meetings_visible_subsidiary_ids",
                table: "joint_meetings",
                column: "visible_subsidiary_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            // The history is append-only in the database too: UPDATE, DELETE and TRUNCATE are refused whoever asks.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_decision_item_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'decision_item_history is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
                END
                $$;
                CREATE TRIGGER decision_item_history_append_only BEFORE UPDATE OR DELETE ON decision_item_history
                    FOR EACH ROW EXECUTE FUNCTION refuse_decision_item_history_change();
                CREATE TRIGGER decision_item_history_no_truncate BEFORE TRUNCATE ON decision_item_history
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_decision_item_history_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER decision_item_history_no_truncate ON decision_item_history;");
            migrationBuilder.Sql("DROP TRIGGER decision_item_history_append_only ON decision_item_history;");
            migrationBuilder.Sql("DROP FUNCTION refuse_decision_item_history_change();");
            migrationBuilder.DropTable(
                name: "decision_item_history");

            migrationBuilder.DropTable(
                name: "decision_items");

            migrationBuilder.DropTable(
                name: "joint_meetings");
        }
    }
}
