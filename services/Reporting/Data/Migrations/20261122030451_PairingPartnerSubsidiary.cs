using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class PairingPartnerSubsidiary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "partner_subsidiary_id",
                table: "pairing_views",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_pairing_views_partner_subsidiary_id",
                table: "pairing_views",
                column: "partner_subsidiary_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pairing_views_partner_subsidiary_id",
                table: "pairing_views");

            migrationBuilder.DropColumn(
                name: "partner_subsidiary_id",
                table: "pairing_views");
        }
    }
}
