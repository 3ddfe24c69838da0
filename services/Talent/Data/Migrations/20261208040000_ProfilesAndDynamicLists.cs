using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Alliance.Talent.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProfilesAndDynamicLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "client_requests",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_requests", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    person_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    party_status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    joined_on = table.Column<DateOnly>(type: "date", nullable: true),
                    organization_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    department = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    left_in_hr = table.Column<bool>(type: "boolean", nullable: false),
                    hr_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    skills = table.Column<List<string>>(type: "text[]", nullable: false),
                    certificates = table.Column<List<string>>(type: "text[]", nullable: false),
                    education_level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    education = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    positions = table.Column<List<string>>(type: "text[]", nullable: false),
                    birth_year = table.Column<int>(type: "integer", nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    search_key = table.Column<string>(type: "text", nullable: false),
                    skills_text = table.Column<string>(type: "text", nullable: false),
                    certificates_text = table.Column<string>(type: "text", nullable: false),
                    title_text = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profiles", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "talent_lists",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    criteria = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    max_age = table.Column<int>(type: "integer", nullable: true),
                    min_education_level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    must_be_party_member = table.Column<bool>(type: "boolean", nullable: false),
                    size_limit_per_unit = table.Column<int>(type: "integer", nullable: true),
                    reevaluation_months = table.Column<int>(type: "integer", nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_talent_lists", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "profile_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    field_changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profile_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_profile_changes_profiles_person_id",
                        column: x => x.person_id,
                        principalTable: "profiles",
                        principalColumn: "person_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "list_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_party_member = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    left_in_hr = table.Column<bool>(type: "boolean", nullable: false),
                    not_reevaluated = table.Column<bool>(type: "boolean", nullable: false),
                    awaiting_reevaluation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    nominated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    nominated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    listed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_list_entries", x => x.id);
                    table.ForeignKey(
                        name: "FK_list_entries_talent_lists_list_id",
                        column: x => x.list_id,
                        principalTable: "talent_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reevaluations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    period = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    entries = table.Column<int>(type: "integer", nullable: false),
                    flagged = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reevaluations", x => x.id);
                    table.ForeignKey(
                        name: "FK_reevaluations_talent_lists_list_id",
                        column: x => x.list_id,
                        principalTable: "talent_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "list_entry_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    change = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_list_entry_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_list_entry_changes_list_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "list_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "talent_lists",
                columns: new[] { "id", "created_at", "created_by", "criteria", "kind", "max_age", "min_education_level", "must_be_party_member", "name_en", "name_zh", "reevaluation_months", "size_limit_per_unit", "subsidiary_id", "version" },
                values: new object[,]
                {
                    { new Guid("0199b000-0000-7000-8000-000000000001"), new DateTimeOffset(new DateTime(2026, 12, 8, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", "每个单位 50 名后备干部，政治素质好、业绩突出、群众公认；每年复核。", "reserve-cadres", null, null, false, "Reserve cadres", "后备干部", 12, 50, null, 1L },
                    { new Guid("0199b000-0000-7000-8000-000000000002"), new DateTimeOffset(new DateTime(2026, 12, 8, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", "每个单位 50 名青年骨干，35 岁以下，业务骨干；党员人才化、人才党员化；每年复核。", "young-backbone", 35, null, false, "Young backbone", "青年骨干", 12, 50, null, 1L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_list_entries_list_id_subsidiary_id_state",
                table: "list_entries",
                columns: new[] { "list_id", "subsidiary_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_list_entries_person_id",
                table: "list_entries",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ux_list_entries_open_per_person",
                table: "list_entries",
                columns: new[] { "list_id", "person_id" },
                unique: true,
                filter: "state IN ('nominated', 'reviewed', 'listed')");

            migrationBuilder.CreateIndex(
                name: "IX_list_entry_changes_entry_id_version",
                table: "list_entry_changes",
                columns: new[] { "entry_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_profile_changes_person_id_version",
                table: "profile_changes",
                columns: new[] { "person_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_profiles_certificates_text_trgm",
                table: "profiles",
                column: "certificates_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_organization",
                table: "profiles",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_search_key_trgm",
                table: "profiles",
                column: "search_key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_search_text_trgm",
                table: "profiles",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_skills_text_trgm",
                table: "profiles",
                column: "skills_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_subsidiary_name",
                table: "profiles",
                columns: new[] { "subsidiary_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_title_text_trgm",
                table: "profiles",
                column: "title_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_reevaluations_list_id_opened_at",
                table: "reevaluations",
                columns: new[] { "list_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "IX_talent_lists_subsidiary_id",
                table: "talent_lists",
                column: "subsidiary_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "client_requests");

            migrationBuilder.DropTable(
                name: "list_entry_changes");

            migrationBuilder.DropTable(
                name: "profile_changes");

            migrationBuilder.DropTable(
                name: "reevaluations");

            migrationBuilder.DropTable(
                name: "list_entries");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropTable(
                name: "talent_lists");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
