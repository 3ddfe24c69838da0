using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Organization.Data.Migrations
{
    /// <summary>People by employee number within a subsidiary: the HR apply path's match (before, a scan of the subsidiary's people).</summary>
    [DbContext(typeof(OrganizationDbContext))]
    [Migration("20261202171000_PeopleEmployeeNumberIndex")]
    public partial class PeopleEmployeeNumberIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_people_subsidiary_id_employee_number",
                table: "people",
                columns: new[] { "subsidiary_id", "employee_number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_people_subsidiary_id_employee_number",
                table: "people");
        }
    }
}
