using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Organization.Data.Migrations
{
    /// <inheritdoc />
    public partial class HrSyncScim : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hr_clients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    secret_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hr_clients", x => x.id);
                    table.ForeignKey(
                        name: "FK_hr_clients_subsidiaries_subsidiary_id",
                        column: x => x.subsidiary_id,
                        principalTable: "subsidiaries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hr_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    external_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hr_groups", x => x.id);
                    table.ForeignKey(
                        name: "FK_hr_groups_subsidiaries_subsidiary_id",
                        column: x => x.subsidiary_id,
                        principalTable: "subsidiaries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hr_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    user_name_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    external_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    employee_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    family_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    given_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    department = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    organization = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    manager_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    emails = table.Column<string>(type: "jsonb", nullable: false),
                    email_values = table.Column<string[]>(type: "text[]", nullable: false),
                    scim_json = table.Column<string>(type: "jsonb", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hr_users", x => x.id);
                    table.ForeignKey(
                        name: "FK_hr_users_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hr_users_subsidiaries_subsidiary_id",
                        column: x => x.subsidiary_id,
                        principalTable: "subsidiaries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hr_group_members",
                columns: table => new
                {
                    group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hr_group_members", x => new { x.group_id, x.member_id });
                    table.ForeignKey(
                        name: "FK_hr_group_members_hr_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "hr_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hr_clients_secret_sha256",
                table: "hr_clients",
                column: "secret_sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hr_clients_subsidiary_id",
                table: "hr_clients",
                column: "subsidiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_hr_group_members_member_id",
                table: "hr_group_members",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "IX_hr_groups_subsidiary_id_display_name",
                table: "hr_groups",
                columns: new[] { "subsidiary_id", "display_name" });

            migrationBuilder.CreateIndex(
                name: "IX_hr_groups_subsidiary_id_external_id",
                table: "hr_groups",
                columns: new[] { "subsidiary_id", "external_id" });

            migrationBuilder.CreateIndex(
                name: "IX_hr_users_email_values",
                table: "hr_users",
                column: "email_values")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_hr_users_person_id",
                table: "hr_users",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_hr_users_subsidiary_id_employee_number",
                table: "hr_users",
                columns: new[] { "subsidiary_id", "employee_number" });

            migrationBuilder.CreateIndex(
                name: "IX_hr_users_subsidiary_id_external_id",
                table: "hr_users",
                columns: new[] { "subsidiary_id", "external_id" });

            migrationBuilder.CreateIndex(
                name: "IX_hr_users_subsidiary_id_last_modified",
                table: "hr_users",
                columns: new[] { "subsidiary_id", "last_modified" });

            migrationBuilder.CreateIndex(
                name: "ix_hr_users_subsidiary_id_user_name_key",
                table: "hr_users",
                columns: new[] { "subsidiary_id", "user_name_key" },
                unique: true,
                filter: "deleted_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hr_clients");

            migrationBuilder.DropTable(
                name: "hr_group_members");

            migrationBuilder.DropTable(
                name: "hr_users");

            migrationBuilder.DropTable(
                name: "hr_groups");
        }
    }
}
