using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alliance_units",
                columns: table => new
                {
                    member_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined = table.Column<bool>(type: "boolean", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alliance_units", x => x.member_unit_id);
                });

            migrationBuilder.CreateTable(
                name: "alliance_views",
                columns: table => new
                {
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    formed = table.Column<bool>(type: "boolean", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lead_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rotation_order = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    rotation_starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    rotation_period_months = table.Column<int>(type: "integer", nullable: false),
                    rotation_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alliance_views", x => x.alliance_id);
                });

            migrationBuilder.CreateTable(
                name: "member_views",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organization_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    status_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member_views", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "pairing_views",
                columns: table => new
                {
                    pairing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agreement_sequence = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairing_views", x => x.pairing_id);
                });

            migrationBuilder.CreateTable(
                name: "person_views",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    holds_management_post = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_views", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "role_views",
                columns: table => new
                {
                    role_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role_views", x => x.role_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alliance_units_alliance_id",
                table: "alliance_units",
                column: "alliance_id");

            migrationBuilder.CreateIndex(
                name: "IX_alliance_units_subsidiary_id",
                table: "alliance_units",
                column: "subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_alliance_views_lead_subsidiary_id",
                table: "alliance_views",
                column: "lead_subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_member_views_subsidiary_id",
                table: "member_views",
                column: "subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_pairing_views_subsidiary_id",
                table: "pairing_views",
                column: "subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_role_views_subsidiary_id",
                table: "role_views",
                column: "subsidiary_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alliance_units");

            migrationBuilder.DropTable(
                name: "alliance_views");

            migrationBuilder.DropTable(
                name: "member_views");

            migrationBuilder.DropTable(
                name: "pairing_views");

            migrationBuilder.DropTable(
                name: "person_views");

            migrationBuilder.DropTable(
                name: "role_views");
        }
    }
}
