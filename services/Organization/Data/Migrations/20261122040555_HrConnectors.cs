using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Organization.Data.Migrations
{
    /// <inheritdoc />
    public partial class HrConnectors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hr_connectors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    secret_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    interval_seconds = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    cursor = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    next_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_run_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    last_run_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    last_run_created = table.Column<int>(type: "integer", nullable: false),
                    last_run_updated = table.Column<int>(type: "integer", nullable: false),
                    last_run_deactivated = table.Column<int>(type: "integer", nullable: false),
                    last_run_pages = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hr_connectors", x => x.id);
                    table.ForeignKey(
                        name: "FK_hr_connectors_subsidiaries_subsidiary_id",
                        column: x => x.subsidiary_id,
                        principalTable: "subsidiaries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hr_connectors_next_run_at",
                table: "hr_connectors",
                column: "next_run_at",
                filter: "enabled");

            migrationBuilder.CreateIndex(
                name: "IX_hr_connectors_subsidiary_id_name",
                table: "hr_connectors",
                columns: new[] { "subsidiary_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hr_connectors");
        }
    }
}
