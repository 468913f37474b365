using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReasonDiscoveryAndCodeAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reason_candidates",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "text", nullable: false),
                    words = table.Column<string[]>(type: "text[]", nullable: false),
                    accepted_code = table.Column<string>(type: "text", nullable: true),
                    first_seen_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_seen_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reason_candidates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reason_code_audits",
                columns: table => new
                {
                    contact_id = table.Column<long>(type: "bigint", nullable: false),
                    coded_reason = table.Column<string>(type: "text", nullable: false),
                    suggested_reason = table.Column<string>(type: "text", nullable: true),
                    confidence = table.Column<float>(type: "real", nullable: true),
                    coded_probability = table.Column<float>(type: "real", nullable: true),
                    audited_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reason_code_audits", x => x.contact_id);
                    table.ForeignKey(
                        name: "fk_reason_code_audits_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reason_candidate_labels",
                columns: table => new
                {
                    contact_id = table.Column<long>(type: "bigint", nullable: false),
                    candidate_id = table.Column<int>(type: "integer", nullable: false),
                    reason_code = table.Column<string>(type: "text", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reason_candidate_labels", x => new { x.contact_id, x.candidate_id });
                    table.ForeignKey(
                        name: "fk_reason_candidate_labels_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reason_candidate_labels_reason_candidates_candidate_id",
                        column: x => x.candidate_id,
                        principalTable: "reason_candidates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reason_candidate_members",
                columns: table => new
                {
                    candidate_id = table.Column<int>(type: "integer", nullable: false),
                    contact_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reason_candidate_members", x => new { x.candidate_id, x.contact_id });
                    table.ForeignKey(
                        name: "fk_reason_candidate_members_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reason_candidate_members_reason_candidates_candidate_id",
                        column: x => x.candidate_id,
                        principalTable: "reason_candidates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reason_candidate_labels_candidate_id",
                table: "reason_candidate_labels",
                column: "candidate_id");

            migrationBuilder.CreateIndex(
                name: "ix_reason_candidate_members_contact_id",
                table: "reason_candidate_members",
                column: "contact_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reason_candidate_labels");

            migrationBuilder.DropTable(
                name: "reason_candidate_members");

            migrationBuilder.DropTable(
                name: "reason_code_audits");

            migrationBuilder.DropTable(
                name: "reason_candidates");
        }
    }
}
