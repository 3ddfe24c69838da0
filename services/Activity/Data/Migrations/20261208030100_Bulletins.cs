using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Activity.Data.Migrations
{
    /// <inheritdoc />
    public partial class Bulletins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bulletin_nominations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lead_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    visible_subsidiary_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    nominee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    nominee_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason_zh = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    reason_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    review_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    nominated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    nominated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_nominations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bulletins",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scope_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scope_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    lead_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    visible_subsidiary_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    lead_zh = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    lead_en = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    sections = table.Column<string>(type: "jsonb", nullable: false),
                    generated = table.Column<string>(type: "jsonb", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    return_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletins", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bulletin_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bulletin_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    field_changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_bulletin_changes_bulletins_bulletin_id",
                        column: x => x.bulletin_id,
                        principalTable: "bulletins",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bulletin_pdfs",
                columns: table => new
                {
                    bulletin_id = table.Column<Guid>(type: "uuid", nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    printed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_pdfs", x => new { x.bulletin_id, x.language });
                    table.ForeignKey(
                        name: "FK_bulletin_pdfs_bulletins_bulletin_id",
                        column: x => x.bulletin_id,
                        principalTable: "bulletins",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_changes_bulletin_id_version",
                table: "bulletin_changes",
                columns: new[] { "bulletin_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bulletin_nominations_alliance_id_month_state",
                table: "bulletin_nominations",
                columns: new[] { "alliance_id", "month", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_bulletins_scope_key_month",
                table: "bulletins",
                columns: new[] { "scope_key", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bulletins_state_month",
                table: "bulletins",
                columns: new[] { "state", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bulletin_changes");

            migrationBuilder.DropTable(
                name: "bulletin_nominations");

            migrationBuilder.DropTable(
                name: "bulletin_pdfs");

            migrationBuilder.DropTable(
                name: "bulletins");
        }
    }
}
