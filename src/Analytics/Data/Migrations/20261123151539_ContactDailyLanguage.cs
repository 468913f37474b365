using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContactDailyLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "contact_daily",
                type: "text",
                nullable: true);

            // Rows built before this column have no language: mark the rollups stale so answers come from the contacts
            // until the next refresh (the recurring job rebuilds stale rollups) instead of matching no language at all.
            migrationBuilder.Sql("DELETE FROM aggregate_states WHERE name = 'insight_rollups'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "language",
                table: "contact_daily");
        }
    }
}
