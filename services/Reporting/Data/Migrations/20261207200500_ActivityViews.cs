using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Reporting.Data.Migrations
{
    /// <summary>Activities and their hosts as the activity service's events leave them, for joint work counted per month, measure, alliance and host.</summary>
    [DbContext(typeof(ReportingDbContext))]
    [Migration("20261207200500_ActivityViews")]
    public partial class ActivityViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "activity_views",
                columns: table => new
                {
                    activity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    measure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    pairing_id = table.Column<Guid>(type: "uuid", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    details_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                },
                constraints: table => table.PrimaryKey("PK_activity_views", x => x.activity_id));

            migrationBuilder.CreateTable(
                name: "activity_host_views",
                columns: table => new
                {
                    activity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subsidiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    member_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    external = table.Column<bool>(type: "boolean", nullable: false),
                },
                constraints: table => table.PrimaryKey("PK_activity_host_views", x => new { x.activity_id, x.position }));

            migrationBuilder.CreateIndex(name: "IX_activity_views_alliance_id", table: "activity_views", column: "alliance_id");
            migrationBuilder.CreateIndex(name: "IX_activity_views_month", table: "activity_views", column: "month");
            migrationBuilder.CreateIndex(name: "IX_activity_host_views_organization_id", table: "activity_host_views", column: "organization_id");
            migrationBuilder.CreateIndex(name: "IX_activity_host_views_subsidiary_id_activity_id", table: "activity_host_views",
                columns: new[] { "subsidiary_id", "activity_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "activity_host_views");
            migrationBuilder.DropTable(name: "activity_views");
        }
    }
}
