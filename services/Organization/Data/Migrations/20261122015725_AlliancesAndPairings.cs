using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Organization.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlliancesAndPairings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alliances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    theme = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    plan = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    lead_organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_member_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    formed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    temporary_branch_organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    temporary_branch_unit_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    rotation_order = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    rotation_starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    rotation_period_months = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alliances", x => x.id);
                    table.ForeignKey(
                        name: "FK_alliances_party_organizations_lead_organization_id",
                        column: x => x.lead_organization_id,
                        principalTable: "party_organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pairings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    first_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    first_external_kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    first_contact_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    first_contact_phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    second_organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    second_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    second_external_kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    second_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    second_contact_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    second_contact_phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alliance_member_units",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    external_kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    contact_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    joined_on = table.Column<DateOnly>(type: "date", nullable: false),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alliance_member_units", x => x.id);
                    table.ForeignKey(
                        name: "FK_alliance_member_units_alliances_alliance_id",
                        column: x => x.alliance_id,
                        principalTable: "alliances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_alliance_member_units_party_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "party_organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pairing_agreements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pairing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    obligations = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: false),
                    document_file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    document_content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    document_size_bytes = table.Column<long>(type: "bigint", nullable: true),
                    document_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    document_storage_key = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairing_agreements", x => x.id);
                    table.ForeignKey(
                        name: "FK_pairing_agreements_pairings_pairing_id",
                        column: x => x.pairing_id,
                        principalTable: "pairings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alliance_member_units_alliance_id",
                table: "alliance_member_units",
                column: "alliance_id");

            migrationBuilder.CreateIndex(
                name: "IX_alliance_member_units_organization_id",
                table: "alliance_member_units",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "IX_alliance_member_units_subsidiary_id_alliance_id",
                table: "alliance_member_units",
                columns: new[] { "subsidiary_id", "alliance_id" },
                filter: "left_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_alliances_lead_organization_id",
                table: "alliances",
                column: "lead_organization_id");

            migrationBuilder.CreateIndex(
                name: "IX_alliances_lead_subsidiary_id",
                table: "alliances",
                column: "lead_subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_alliances_name",
                table: "alliances",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "IX_pairing_agreements_pairing_id_sequence",
                table: "pairing_agreements",
                columns: new[] { "pairing_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pairings_expires_on",
                table: "pairings",
                column: "expires_on");

            migrationBuilder.CreateIndex(
                name: "IX_pairings_first_subsidiary_id",
                table: "pairings",
                column: "first_subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_pairings_second_subsidiary_id",
                table: "pairings",
                column: "second_subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_pairings_tenant_id_expires_on",
                table: "pairings",
                columns: new[] { "tenant_id", "expires_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alliance_member_units");

            migrationBuilder.DropTable(
                name: "pairing_agreements");

            migrationBuilder.DropTable(
                name: "alliances");

            migrationBuilder.DropTable(
                name: "pairings");
        }
    }
}
