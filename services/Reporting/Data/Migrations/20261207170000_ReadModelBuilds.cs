using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Reporting.Data.Migrations
{
    /// <summary>The version of the read models the database holds, so new or empty ones are filled from the source (ADR 26).</summary>
    [DbContext(typeof(ReportingDbContext))]
    [Migration("20261207170000_ReadModelBuilds")]
    public partial class ReadModelBuilds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "read_model_builds",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    filled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state_events = table.Column<long>(type: "bigint", nullable: false),
                    included_events = table.Column<long>(type: "bigint", nullable: false),
                },
                constraints: table => table.PrimaryKey("PK_read_model_builds", x => x.id));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "read_model_builds");
        }
    }
}
