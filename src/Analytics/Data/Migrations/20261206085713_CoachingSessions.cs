using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoachingSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coaching_sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agent_id = table.Column<int>(type: "integer", nullable: false),
                    sub_skill = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    agreed_actions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    follow_up_on = table.Column<DateOnly>(type: "date", nullable: false),
                    coach = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coaching_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_coaching_sessions_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coaching_sessions_agent_id_held_on",
                table: "coaching_sessions",
                columns: new[] { "agent_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "ix_coaching_sessions_sub_skill_held_on",
                table: "coaching_sessions",
                columns: new[] { "sub_skill", "held_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coaching_sessions");
        }
    }
}
