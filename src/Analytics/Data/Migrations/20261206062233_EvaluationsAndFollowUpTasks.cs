using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationsAndFollowUpTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evaluation_forms",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "text", nullable: false),
                    name_nl = table.Column<string>(type: "text", nullable: false),
                    name_en = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    sections = table.Column<string>(type: "jsonb", nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_forms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "text", nullable: false),
                    source_key = table.Column<string>(type: "text", nullable: false),
                    contact_id = table.Column<long>(type: "bigint", nullable: true),
                    survey_response_id = table.Column<long>(type: "bigint", nullable: true),
                    agent_code = table.Column<string>(type: "text", nullable: true),
                    team_code = table.Column<string>(type: "text", nullable: true),
                    assignee = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    closed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closure_code = table.Column<string>(type: "text", nullable: true),
                    department = table.Column<string>(type: "text", nullable: true),
                    closure_comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_up_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_up_tasks_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_follow_up_tasks_survey_responses_survey_response_id",
                        column: x => x.survey_response_id,
                        principalTable: "survey_responses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    form_id = table.Column<int>(type: "integer", nullable: false),
                    contact_id = table.Column<long>(type: "bigint", nullable: false),
                    evaluator = table.Column<string>(type: "text", nullable: false),
                    calibration = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    score_percent = table.Column<double>(type: "double precision", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluations_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_evaluations_evaluation_form_form_id",
                        column: x => x.form_id,
                        principalTable: "evaluation_forms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_answers",
                columns: table => new
                {
                    evaluation_id = table.Column<long>(type: "bigint", nullable: false),
                    item_code = table.Column<string>(type: "text", nullable: false),
                    auto_value = table.Column<string>(type: "text", nullable: true),
                    value = table.Column<string>(type: "text", nullable: true),
                    evidence = table.Column<int[]>(type: "integer[]", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_answers", x => new { x.evaluation_id, x.item_code });
                    table.ForeignKey(
                        name: "fk_evaluation_answers_evaluation_evaluation_id",
                        column: x => x.evaluation_id,
                        principalTable: "evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_disputes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    evaluation_id = table.Column<long>(type: "bigint", nullable: false),
                    item_code = table.Column<string>(type: "text", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: false),
                    raised_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    resolution = table.Column<string>(type: "text", nullable: true),
                    resolved_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_disputes", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluation_disputes_evaluations_evaluation_id",
                        column: x => x.evaluation_id,
                        principalTable: "evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_disputes_evaluation_id",
                table: "evaluation_disputes",
                column: "evaluation_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_forms_code",
                table: "evaluation_forms",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_calibration",
                table: "evaluations",
                column: "calibration");

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_contact_id",
                table: "evaluations",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_form_id",
                table: "evaluations",
                column: "form_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_tasks_contact_id",
                table: "follow_up_tasks",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_tasks_source_key",
                table: "follow_up_tasks",
                column: "source_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_tasks_survey_response_id",
                table: "follow_up_tasks",
                column: "survey_response_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_tasks_team_code_due_date",
                table: "follow_up_tasks",
                columns: new[] { "team_code", "due_date" });

            // The default form ships with the schema, so every database has one to evaluate with (once: migrations run once).
            migrationBuilder.InsertData("evaluation_forms",
                ["code", "name_nl", "name_en", "description", "sections", "is_default", "created_utc"],
                [Evaluations.DefaultForm.Code, Evaluations.DefaultForm.NameNl, Evaluations.DefaultForm.NameEn,
                 "De vijf gedragingen, empathie voor identificatie, juiste informatie, oplossing en afspraken.",
                 Evaluations.EvaluationForm.Write(Evaluations.DefaultForm.Sections), true,
                 new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc)]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_answers");

            migrationBuilder.DropTable(
                name: "evaluation_disputes");

            migrationBuilder.DropTable(
                name: "follow_up_tasks");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "evaluation_forms");
        }
    }
}
