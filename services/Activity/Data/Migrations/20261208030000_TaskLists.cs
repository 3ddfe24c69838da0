using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Activity.Data.Migrations
{
    /// <inheritdoc />
    public partial class TaskLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "task_lists",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    owner_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lead_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_lists", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "task_list_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    field_changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_list_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_task_list_changes_task_lists_task_list_id",
                        column: x => x.task_list_id,
                        principalTable: "task_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "task_list_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    explicit_weight = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_list_tasks", x => x.id);
                    table.ForeignKey(
                        name: "FK_task_list_tasks_task_lists_task_list_id",
                        column: x => x.task_list_id,
                        principalTable: "task_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_list_measures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    responsible_organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    responsible_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    responsible_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    supervising_organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    supervising_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    supervising_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    weight = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    target_text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    target_value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    target_unit = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    progress = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    last_reported_on = table.Column<DateOnly>(type: "date", nullable: true),
                    links_to_measure_id = table.Column<Guid>(type: "uuid", nullable: true),
                    overdue_flagged_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_list_measures", x => x.id);
                    table.ForeignKey(
                        name: "FK_task_list_measures_task_list_measures_links_to_measure_id",
                        column: x => x.links_to_measure_id,
                        principalTable: "task_list_measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_task_list_measures_task_list_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "task_list_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_task_list_measures_task_lists_task_list_id",
                        column: x => x.task_list_id,
                        principalTable: "task_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_list_progress_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    measure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    reported_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reported_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    evidence_links = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_list_progress_reports", x => x.id);
                    table.ForeignKey(
                        name: "FK_task_list_progress_reports_task_list_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "task_list_measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_task_list_changes_task_list_id_version",
                table: "task_list_changes",
                columns: new[] { "task_list_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_task_list_measures_due_on_progress",
                table: "task_list_measures",
                columns: new[] { "due_on", "progress" });

            migrationBuilder.CreateIndex(
                name: "IX_task_list_measures_links_to_measure_id",
                table: "task_list_measures",
                column: "links_to_measure_id");

            migrationBuilder.CreateIndex(
                name: "IX_task_list_measures_task_id_ordinal",
                table: "task_list_measures",
                columns: new[] { "task_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_task_list_measures_task_list_id",
                table: "task_list_measures",
                column: "task_list_id");

            migrationBuilder.CreateIndex(
                name: "IX_task_list_progress_reports_measure_id_recorded_at",
                table: "task_list_progress_reports",
                columns: new[] { "measure_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "IX_task_list_tasks_task_list_id_ordinal",
                table: "task_list_tasks",
                columns: new[] { "task_list_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_task_lists_alliance_id",
                table: "task_lists",
                column: "alliance_id");

            migrationBuilder.CreateIndex(
                name: "IX_task_lists_subsidiary_id",
                table: "task_lists",
                column: "subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_task_lists_year_owner_kind",
                table: "task_lists",
                columns: new[] { "year", "owner_kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_list_changes");

            migrationBuilder.DropTable(
                name: "task_list_progress_reports");

            migrationBuilder.DropTable(
                name: "task_list_measures");

            migrationBuilder.DropTable(
                name: "task_list_tasks");

            migrationBuilder.DropTable(
                name: "task_lists");
        }
    }
}
