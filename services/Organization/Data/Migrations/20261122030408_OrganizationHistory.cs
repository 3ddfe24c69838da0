using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Organization.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "created_on",
                table: "party_organizations",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "ended_on",
                table: "party_organizations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_changed_on",
                table: "party_organizations",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "party_organizations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "party_organizations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Active");

            migrationBuilder.CreateTable(
                name: "organization_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    old_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    new_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    old_parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    new_parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true),
                    merged_from_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organization_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_organization_changes_party_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "party_organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_party_organizations_merged_into_id",
                table: "party_organizations",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "IX_organization_changes_new_parent_id",
                table: "organization_changes",
                column: "new_parent_id",
                filter: "new_parent_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_organization_changes_old_parent_id",
                table: "organization_changes",
                column: "old_parent_id",
                filter: "old_parent_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_organization_changes_organization_id_effective_on",
                table: "organization_changes",
                columns: new[] { "organization_id", "effective_on" });

            migrationBuilder.CreateIndex(
                name: "IX_organization_changes_subsidiary_id_effective_on",
                table: "organization_changes",
                columns: new[] { "subsidiary_id", "effective_on" });

            migrationBuilder.AddForeignKey(
                name: "FK_party_organizations_party_organizations_merged_into_id",
                table: "party_organizations",
                column: "merged_into_id",
                principalTable: "party_organizations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // Organizations stored before effective dating: created (and last changed) on the day they were recorded, in
            // the group's calendar (UTC+8), with a "created" change under their current parent and name.
            migrationBuilder.Sql("""
                UPDATE party_organizations
                SET created_on = ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date,
                    last_changed_on = ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date;
                INSERT INTO organization_changes (id, organization_id, subsidiary_id, kind, effective_on, new_name, new_parent_id, recorded_at)
                SELECT gen_random_uuid(), id, subsidiary_id, 'Created', created_on, name, parent_id, created_at FROM party_organizations;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_party_organizations_party_organizations_merged_into_id",
                table: "party_organizations");

            migrationBuilder.DropTable(
                name: "organization_changes");

            migrationBuilder.DropIndex(
                name: "IX_party_organizations_merged_into_id",
                table: "party_organizations");

            migrationBuilder.DropColumn(
                name: "created_on",
                table: "party_organizations");

            migrationBuilder.DropColumn(
                name: "ended_on",
                table: "party_organizations");

            migrationBuilder.DropColumn(
                name: "last_changed_on",
                table: "party_organizations");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "party_organizations");

            migrationBuilder.DropColumn(
                name: "status",
                table: "party_organizations");
        }
    }
}
