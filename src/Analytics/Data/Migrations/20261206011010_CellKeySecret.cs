using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class CellKeySecret : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The key of the cell-key perturbation (Analytics.Statistics.CellKey): random per database, never shown.
            migrationBuilder.Sql("""
                CREATE TABLE privacy_secrets (name text PRIMARY KEY, value bytea NOT NULL);
                INSERT INTO privacy_secrets (name, value)
                VALUES ('cell-key', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE privacy_secrets;");
        }
    }
}
