using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class InsightRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agent_nps_daily",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    agent_id = table.Column<int>(type: "integer", nullable: false),
                    promoters = table.Column<int>(type: "integer", nullable: false),
                    passives = table.Column<int>(type: "integer", nullable: false),
                    detractors = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_nps_daily", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contact_daily",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    month_total = table.Column<bool>(type: "boolean", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    queue = table.Column<string>(type: "text", nullable: true),
                    agent_id = table.Column<int>(type: "integer", nullable: true),
                    reason_id = table.Column<int>(type: "integer", nullable: true),
                    contacts = table.Column<int>(type: "integer", nullable: false),
                    served = table.Column<int>(type: "integer", nullable: false),
                    abandoned = table.Column<int>(type: "integer", nullable: false),
                    phantom = table.Column<int>(type: "integer", nullable: false),
                    wait_seconds_served = table.Column<long>(type: "bigint", nullable: false),
                    handle_seconds_served = table.Column<long>(type: "bigint", nullable: false),
                    served_within_service_level = table.Column<int>(type: "integer", nullable: false),
                    fcr_contacts = table.Column<int>(type: "integer", nullable: false),
                    fcr_pending = table.Column<int>(type: "integer", nullable: false),
                    fcr_repeated = table.Column<int>(type: "integer", nullable: false),
                    fcr_resolved = table.Column<int>(type: "integer", nullable: false),
                    naive_decided = table.Column<int>(type: "integer", nullable: false),
                    naive_resolved = table.Column<int>(type: "integer", nullable: false),
                    nps_promoters = table.Column<int>(type: "integer", nullable: false),
                    nps_passives = table.Column<int>(type: "integer", nullable: false),
                    nps_detractors = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_daily", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "driver_fits",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    inputs = table.Column<long>(type: "bigint", nullable: false),
                    report = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_driver_fits", x => new { x.month, x.type });
                });

            migrationBuilder.CreateTable(
                name: "handle_time_daily",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    month_total = table.Column<bool>(type: "boolean", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: true),
                    queue = table.Column<string>(type: "text", nullable: true),
                    agent_id = table.Column<int>(type: "integer", nullable: true),
                    reason_id = table.Column<int>(type: "integer", nullable: true),
                    first_bin = table.Column<int>(type: "integer", nullable: false),
                    bins = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_handle_time_daily", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reason_daily",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    reason_id = table.Column<int>(type: "integer", nullable: false),
                    contacts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reason_daily", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agent_nps_daily_day",
                table: "agent_nps_daily",
                column: "day");

            migrationBuilder.CreateIndex(
                name: "ix_contact_daily_month_total_day",
                table: "contact_daily",
                columns: new[] { "month_total", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_handle_time_daily_kind_month_total_day",
                table: "handle_time_daily",
                columns: new[] { "kind", "month_total", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_reason_daily_day",
                table: "reason_daily",
                column: "day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_nps_daily");

            migrationBuilder.DropTable(
                name: "contact_daily");

            migrationBuilder.DropTable(
                name: "driver_fits");

            migrationBuilder.DropTable(
                name: "handle_time_daily");

            migrationBuilder.DropTable(
                name: "reason_daily");
        }
    }
}
