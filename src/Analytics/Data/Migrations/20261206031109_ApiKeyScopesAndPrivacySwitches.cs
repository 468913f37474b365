using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeyScopesAndPrivacySwitches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "detail",
                table: "audit_log",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "agent_code",
                table: "api_keys",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "teams",
                table: "api_keys",
                type: "text[]",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "privacy_switches",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_privacy_switches", x => x.name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_switches");

            migrationBuilder.DropColumn(
                name: "detail",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "agent_code",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "teams",
                table: "api_keys");
        }
    }
}
