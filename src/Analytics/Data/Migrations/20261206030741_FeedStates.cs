using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeedStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feed_states",
                columns: table => new
                {
                    source = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    last_delivery_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    missed_deliveries = table.Column<double>(type: "double precision", nullable: false),
                    usual_rows = table.Column<long>(type: "bigint", nullable: false),
                    recent_rows = table.Column<long>(type: "bigint", nullable: false),
                    since_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    checked_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_states", x => new { x.source, x.kind });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feed_states");
        }
    }
}
