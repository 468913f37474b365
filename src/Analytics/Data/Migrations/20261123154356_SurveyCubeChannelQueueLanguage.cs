using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class SurveyCubeChannelQueueLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "survey_daily",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "survey_daily",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "queue",
                table: "survey_daily",
                type: "text",
                nullable: true);

            // The cells built before have no channel, queue or language: forget the cube's state so nothing answers from
            // it until the next refresh (after the next batch, within 5 minutes by the job, or `./analytics refresh`).
            migrationBuilder.Sql("DELETE FROM aggregate_states WHERE name = 'survey_daily'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "channel",
                table: "survey_daily");

            migrationBuilder.DropColumn(
                name: "language",
                table: "survey_daily");

            migrationBuilder.DropColumn(
                name: "queue",
                table: "survey_daily");
        }
    }
}
