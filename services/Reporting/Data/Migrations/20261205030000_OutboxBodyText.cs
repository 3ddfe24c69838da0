using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Reporting.Data.Migrations
{
    /// <summary>Outbox bodies as text compressed with lz4 instead of jsonb with pglz: an import's EventBatch rows cost a fifth (ADR 19).</summary>
    [DbContext(typeof(ReportingDbContext))]
    [Migration("20261205030000_OutboxBodyText")]
    public partial class OutboxBodyText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.OutboxBodyAsText();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.OutboxBodyAsJsonb();
        }
    }
}
