using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Activity.Data.Migrations
{
    /// <inheritdoc />
    public partial class TacklingProjectsAndJointWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cooperation_agreements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    parties = table.Column<string>(type: "jsonb", nullable: false),
                    member_unit_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    value_amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    value_unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperation_agreements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "practical_projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    beneficiary_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    beneficiaries = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    beneficiary_count = table.Column<int>(type: "integer", nullable: false),
                    done_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_practical_projects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shared_results",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    shared_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reuse_count = table.Column<int>(type: "integer", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shared_results", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tackling_projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    alliance_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    leader_person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    leader_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    team = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    activity_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    problem_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tackling_projects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cooperation_agreement_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    field_changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperation_agreement_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_cooperation_agreement_changes_cooperation_agreements_agreem~",
                        column: x => x.agreement_id,
                        principalTable: "cooperation_agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "result_reuses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    result_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reused_on = table.Column<DateOnly>(type: "date", nullable: false),
                    how = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_result_reuses", x => x.id);
                    table.ForeignKey(
                        name: "FK_result_reuses_shared_results_result_id",
                        column: x => x.result_id,
                        principalTable: "shared_results",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    field_changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_project_changes_tackling_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "tackling_projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_milestones",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reached_on = table.Column<DateOnly>(type: "date", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_milestones", x => x.id);
                    table.ForeignKey(
                        name: "FK_project_milestones_tackling_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "tackling_projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_outcomes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    baseline = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    target = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    recorded_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_outcomes", x => x.id);
                    table.ForeignKey(
                        name: "FK_project_outcomes_tackling_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "tackling_projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "milestone_evidence",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    milestone_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_milestone_evidence", x => x.id);
                    table.ForeignKey(
                        name: "FK_milestone_evidence_project_milestones_milestone_id",
                        column: x => x.milestone_id,
                        principalTable: "project_milestones",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_milestone_evidence_tackling_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "tackling_projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_agreement_changes_agreement_id_version",
                table: "cooperation_agreement_changes",
                columns: new[] { "agreement_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_agreements_alliance_id_status",
                table: "cooperation_agreements",
                columns: new[] { "alliance_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_agreements_subsidiary_id",
                table: "cooperation_agreements",
                column: "subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_milestone_evidence_milestone_id",
                table: "milestone_evidence",
                column: "milestone_id");

            migrationBuilder.CreateIndex(
                name: "IX_milestone_evidence_project_id",
                table: "milestone_evidence",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "IX_practical_projects_alliance_id_done_on",
                table: "practical_projects",
                columns: new[] { "alliance_id", "done_on" });

            migrationBuilder.CreateIndex(
                name: "IX_practical_projects_subsidiary_id",
                table: "practical_projects",
                column: "subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_project_changes_project_id_version",
                table: "project_changes",
                columns: new[] { "project_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_project_milestones_project_id",
                table: "project_milestones",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "IX_project_milestones_reached_on",
                table: "project_milestones",
                column: "reached_on");

            migrationBuilder.CreateIndex(
                name: "IX_project_outcomes_project_id",
                table: "project_outcomes",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "IX_result_reuses_result_id_member_unit_id",
                table: "result_reuses",
                columns: new[] { "result_id", "member_unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_shared_results_alliance_id_shared_on",
                table: "shared_results",
                columns: new[] { "alliance_id", "shared_on" });

            migrationBuilder.CreateIndex(
                name: "IX_shared_results_subsidiary_id",
                table: "shared_results",
                column: "subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_tackling_projects_alliance_id_year",
                table: "tackling_projects",
                columns: new[] { "alliance_id", "year" });

            migrationBuilder.CreateIndex(
                name: "IX_tackling_projects_subsidiary_id_year",
                table: "tackling_projects",
                columns: new[] { "subsidiary_id", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cooperation_agreement_changes");

            migrationBuilder.DropTable(
                name: "milestone_evidence");

            migrationBuilder.DropTable(
                name: "practical_projects");

            migrationBuilder.DropTable(
                name: "project_changes");

            migrationBuilder.DropTable(
                name: "project_outcomes");

            migrationBuilder.DropTable(
                name: "result_reuses");

            migrationBuilder.DropTable(
                name: "cooperation_agreements");

            migrationBuilder.DropTable(
                name: "project_milestones");

            migrationBuilder.DropTable(
                name: "shared_results");

            migrationBuilder.DropTable(
                name: "tackling_projects");
        }
    }
}
