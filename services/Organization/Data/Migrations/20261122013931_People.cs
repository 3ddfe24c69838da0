using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Organization.Data.Migrations
{
    /// <inheritdoc />
    public partial class People : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    employee_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    id_number_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    id_number_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    phone_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    management_post = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.id);
                    table.ForeignKey(
                        name: "FK_people_subsidiaries_subsidiary_id",
                        column: x => x.subsidiary_id,
                        principalTable: "subsidiaries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "membership_periods",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from_date = table.Column<DateOnly>(type: "date", nullable: false),
                    to_date = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_membership_periods", x => x.id);
                    table.ForeignKey(
                        name: "FK_membership_periods_party_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "party_organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_membership_periods_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "organization_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organization_roles", x => x.id);
                    table.ForeignKey(
                        name: "FK_organization_roles_party_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "party_organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_organization_roles_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_membership_periods_organization_id",
                table: "membership_periods",
                column: "organization_id",
                filter: "to_date IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_membership_periods_person_id",
                table: "membership_periods",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_organization_roles_organization_id_role",
                table: "organization_roles",
                columns: new[] { "organization_id", "role" });

            migrationBuilder.CreateIndex(
                name: "IX_organization_roles_person_id",
                table: "organization_roles",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_subsidiary_id_id_number_hash",
                table: "people",
                columns: new[] { "subsidiary_id", "id_number_hash" },
                unique: true,
                filter: "id_number_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_people_subsidiary_id_name",
                table: "people",
                columns: new[] { "subsidiary_id", "name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "membership_periods");

            migrationBuilder.DropTable(
                name: "organization_roles");

            migrationBuilder.DropTable(
                name: "people");
        }
    }
}
