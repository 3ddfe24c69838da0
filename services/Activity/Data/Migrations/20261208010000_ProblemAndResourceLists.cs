using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Activity.Data.Migrations
{
    /// <summary>The problem and resource lists of the alliances, their matches and audit logs (ADR 40).</summary>
    [DbContext(typeof(ActivityDbContext))]
    [Migration("20261208010000_ProblemAndResourceLists")]
    public partial class ProblemAndResourceLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "problems",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    visible_subsidiary_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    lead_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    need = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    urgency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    wanted_by = table.Column<DateOnly>(type: "date", nullable: true),
                    state = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    accepted_match_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    withdraw_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_problems", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resource_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    alliance_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    visible_subsidiary_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    lead_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    member_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    capacity = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    capacity_unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    used = table.Column<int>(type: "integer", nullable: false),
                    windows = table.Column<string>(type: "jsonb", nullable: false),
                    available_from = table.Column<DateOnly>(type: "date", nullable: true),
                    available_until = table.Column<DateOnly>(type: "date", nullable: true),
                    people = table.Column<string>(type: "jsonb", nullable: false),
                    state = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_offers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "problem_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    problem_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    field_changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_problem_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_problem_changes_problems_problem_id",
                        column: x => x.problem_id,
                        principalTable: "problems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resource_matches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    problem_id = table.Column<Guid>(type: "uuid", nullable: false),
                    offer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    parts = table.Column<string>(type: "jsonb", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    evidence_activity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    evidence_attachment_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    evidence_links = table.Column<List<string>>(type: "text[]", nullable: false),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    proposed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_matches", x => x.id);
                    table.ForeignKey(
                        name: "FK_resource_matches_problems_problem_id",
                        column: x => x.problem_id,
                        principalTable: "problems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_resource_matches_resource_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "resource_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resource_offer_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    offer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    field_changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_offer_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_resource_offer_changes_resource_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "resource_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_problem_changes_problem_id_version",
                table: "problem_changes",
                columns: new[] { "problem_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_problems_alliance_id_state_created_at",
                table: "problems",
                columns: new[] { "alliance_id", "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_problems_member_unit_id",
                table: "problems",
                column: "member_unit_id");

            migrationBuilder.CreateIndex(
                name: "IX_problems_state_resolved_at",
                table: "problems",
                columns: new[] { "state", "resolved_at" });

            migrationBuilder.CreateIndex(
                name: "IX_problems_tags",
                table: "problems",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_problems_visible_subsidiary_ids",
                table: "problems",
                column: "visible_subsidiary_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_resource_matches_offer_id_state",
                table: "resource_matches",
                columns: new[] { "offer_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_resource_matches_problem_id_offer_id",
                table: "resource_matches",
                columns: new[] { "problem_id", "offer_id" },
                unique: true,
                filter: "state in ('proposed', 'accepted')");

            migrationBuilder.CreateIndex(
                name: "IX_resource_matches_problem_id_proposed_at",
                table: "resource_matches",
                columns: new[] { "problem_id", "proposed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_resource_offer_changes_offer_id_version",
                table: "resource_offer_changes",
                columns: new[] { "offer_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resource_offers_alliance_id_state_kind",
                table: "resource_offers",
                columns: new[] { "alliance_id", "state", "kind" });

            migrationBuilder.CreateIndex(
                name: "IX_resource_offers_scope_state_kind",
                table: "resource_offers",
                columns: new[] { "scope", "state", "kind" });

            migrationBuilder.CreateIndex(
                name: "IX_resource_offers_tags",
                table: "resource_offers",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_resource_offers_visible_subsidiary_ids",
                table: "resource_offers",
                column: "visible_subsidiary_ids")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "problem_changes");

            migrationBuilder.DropTable(
                name: "resource_matches");

            migrationBuilder.DropTable(
                name: "resource_offer_changes");

            migrationBuilder.DropTable(
                name: "problems");

            migrationBuilder.DropTable(
                name: "resource_offers");
        }
    }
}
