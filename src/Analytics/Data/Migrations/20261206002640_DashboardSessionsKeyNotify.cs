using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardSessionsKeyNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dashboard_sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    api_key_id = table.Column<int>(type: "integer", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dashboard_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_dashboard_sessions_api_keys_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dashboard_sessions_api_key_id",
                table: "dashboard_sessions",
                column: "api_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_dashboard_sessions_token_hash",
                table: "dashboard_sessions",
                column: "token_hash",
                unique: true);

            // Every process caches keys briefly; a change to a key (a revocation) tells them all at once.
            migrationBuilder.Sql("""
                CREATE FUNCTION api_keys_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_notify('api_keys', ''); RETURN NULL; END $$;
                CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE ON api_keys
                    FOR EACH STATEMENT EXECUTE FUNCTION api_keys_notify();
                """);
            // The audit log is append-only: what a works council relies on cannot be edited afterwards.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
                CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_log_no_truncate ON audit_log; DROP TRIGGER audit_log_no_change ON audit_log;
                DROP FUNCTION audit_log_append_only(); DROP TRIGGER api_keys_changed ON api_keys; DROP FUNCTION api_keys_notify();
                """);
            migrationBuilder.DropTable(
                name: "dashboard_sessions");
        }
    }
}
