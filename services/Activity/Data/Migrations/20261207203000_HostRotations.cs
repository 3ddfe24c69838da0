using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Activity.Data.Migrations
{
    /// <summary>Alliances' rotating hosts (活动轮办): which member unit hosts which month of a year.</summary>
    [DbContext(typeof(ActivityDbContext))]
    [Migration("20261207203000_HostRotations")]
    public partial class HostRotations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "host_rotations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    lead_subsidiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                },
                constraints: table => table.PrimaryKey("PK_host_rotations", x => x.id));

            migrationBuilder.CreateTable(
                name: "host_rotation_slots",
                columns: table => new
                {
                    rotation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    member_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_host_rotation_slots", x => new { x.rotation_id, x.month });
                    table.ForeignKey("FK_host_rotation_slots_host_rotations_rotation_id", x => x.rotation_id, "host_rotations", "id",
                        onDelete: ReferentialAction.Cascade);
                    table.CheckConstraint("ck_host_rotation_slots_month", "month BETWEEN 1 AND 12");
                });

            migrationBuilder.CreateIndex(name: "IX_host_rotations_alliance_id_year", table: "host_rotations", columns: new[] { "alliance_id", "year" }, unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "host_rotation_slots");
            migrationBuilder.DropTable(name: "host_rotations");
        }
    }
}
