using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Organization.Data.Migrations
{
    /// <inheritdoc />
    public partial class PinyinSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "name_search",
                table: "people",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_search",
                table: "party_organizations",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_name_search_trgm",
                table: "people",
                column: "name_search")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_people_name_trgm",
                table: "people",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_party_organizations_name_search_trgm",
                table: "party_organizations",
                column: "name_search")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_party_organizations_name_trgm",
                table: "party_organizations",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_people_name_search_trgm",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_name_trgm",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_party_organizations_name_search_trgm",
                table: "party_organizations");

            migrationBuilder.DropIndex(
                name: "ix_party_organizations_name_trgm",
                table: "party_organizations");

            migrationBuilder.DropColumn(
                name: "name_search",
                table: "people");

            migrationBuilder.DropColumn(
                name: "name_search",
                table: "party_organizations");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
