using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class RetentionAgentsLeftAuditPrune : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "left_on",
                table: "agents",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "pseudonymised_utc",
                table: "agents",
                type: "timestamp with time zone",
                nullable: true);

            // The key of agents' pseudonyms and of erased customers' hashes in the audit log; random per database.
            migrationBuilder.Sql("""
                INSERT INTO privacy_secrets (name, value)
                VALUES ('pseudonym', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
                """);
            // The audit log stays append-only, with one controlled exception for retention: audit_log_prune deletes rows
            // older than a year (never younger, whatever it is asked) and writes its own audit row with the count. The
            // trigger honours a transaction-local setting only that function sets (docs/decisions/023).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND current_setting('analytics.audit_prune', true) = 'on'
                       AND OLD.at_utc < now() - interval '365 days' THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'audit_log is append-only';
                END $$;
                CREATE FUNCTION audit_log_prune(before timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
                DECLARE n bigint;
                BEGIN
                    PERFORM set_config('analytics.audit_prune', 'on', true);
                    DELETE FROM audit_log WHERE at_utc < before;
                    GET DIAGNOSTICS n = ROW_COUNT;
                    PERFORM set_config('analytics.audit_prune', 'off', true);
                    INSERT INTO audit_log (at_utc, role, method, path, query, status)
                    VALUES (now(), 'retention', 'JOB', 'audit_log prune',
                            'before=' || to_char(before AT TIME ZONE 'UTC', 'YYYY-MM-DD') || '&deleted=' || n, 200);
                    RETURN n;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION audit_log_prune(timestamptz);
                CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
                DELETE FROM privacy_secrets WHERE name = 'pseudonym';
                """);
            migrationBuilder.DropColumn(
                name: "left_on",
                table: "agents");

            migrationBuilder.DropColumn(
                name: "pseudonymised_utc",
                table: "agents");
        }
    }
}
