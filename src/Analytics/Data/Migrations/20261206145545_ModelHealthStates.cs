using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelHealthStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "model_health_states",
                columns: table => new
                {
                    model_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    alerts = table.Column<List<string>>(type: "text[]", nullable: false),
                    alerting_since_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    changed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    checked_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_health_states", x => x.model_id);
                    table.ForeignKey(
                        name: "fk_model_health_states_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "model_health_states");
        }
    }
}
