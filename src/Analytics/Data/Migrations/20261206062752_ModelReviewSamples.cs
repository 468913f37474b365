using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelReviewSamples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "review_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "text", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    contact_id = table.Column<long>(type: "bigint", nullable: false),
                    drawn_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    label = table.Column<string>(type: "text", nullable: true),
                    labelled_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_items_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_review_items_contact_id",
                table: "review_items",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_items_kind_contact_id",
                table: "review_items",
                columns: new[] { "kind", "contact_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_review_items_kind_month",
                table: "review_items",
                columns: new[] { "kind", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_items");
        }
    }
}
