using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class SurveyDailyCube : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aggregate_states",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    through_batch_id = table.Column<long>(type: "bigint", nullable: false),
                    through_correction_id = table.Column<long>(type: "bigint", nullable: false),
                    refreshed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aggregate_states", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "survey_daily",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    agent_id = table.Column<int>(type: "integer", nullable: true),
                    reason_id = table.Column<int>(type: "integer", nullable: true),
                    n = table.Column<int>(type: "integer", nullable: false),
                    top = table.Column<int>(type: "integer", nullable: false),
                    bottom = table.Column<int>(type: "integer", nullable: false),
                    sum = table.Column<double>(type: "double precision", nullable: false),
                    sum2 = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_daily", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_survey_daily_type_day",
                table: "survey_daily",
                columns: new[] { "type", "day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aggregate_states");

            migrationBuilder.DropTable(
                name: "survey_daily");
        }
    }
}
