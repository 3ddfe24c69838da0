using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Activity.Data.Migrations
{
    /// <summary>Outbox rows keep the W3C trace context they were written in, so a request and its events' consumers are one trace.</summary>
    [DbContext(typeof(ActivityDbContext))]
    [Migration("20261207160000_OutboxTraceContext")]
    public partial class OutboxTraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.OutboxTraceContext();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.OutboxWithoutTraceContext();
        }
    }
}
