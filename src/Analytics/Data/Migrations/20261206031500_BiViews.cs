using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <summary>
    /// Schema bi: what a BI tool may read (role analytics_bi, docs/security.md "Database roles"). No agent-level column
    /// and no free text: teams stand in for agents, codes for notes and comments. The views run with their owner's
    /// rights, so analytics_bi needs no grant on any table; DatabaseRoleTests fails when a view shows a denied column.
    /// </summary>
    public partial class BiViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE SCHEMA IF NOT EXISTS bi;
                CREATE VIEW bi.teams AS SELECT code AS team_code, name AS team_name FROM teams;
                CREATE VIEW bi.reasons AS
                    SELECT code AS reason_code, parent_code, name_nl, name_en, department, avoidable FROM contact_reasons;
                {RowAndDailyViews}
                {Grants}
                """);
        }

        // Kept apart so a later migration's Down can put these views back as they were here.
        internal const string RowAndDailyViews = """
                CREATE VIEW bi.contacts AS
                    SELECT c.id AS contact_id, c.source, c.channel, c.queue, c.started_utc, c.ended_utc, c.wait_seconds,
                           c.talk_seconds, c.hold_seconds, c.acw_seconds, c.transfers, c.outcome, c.language,
                           t.code AS team_code, r.code AS reason_code
                    FROM contacts c
                    LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN teams t ON t.id = a.team_id
                    LEFT JOIN contact_reasons r ON r.id = c.reason_id;
                CREATE VIEW bi.surveys AS
                    SELECT s.id AS response_id, s.type, s.score, s.responded_utc, s.contact_id, s.channel, s.queue,
                           s.language, t.code AS team_code, r.code AS reason_code
                    FROM survey_responses s
                    LEFT JOIN agents a ON a.id = s.agent_id LEFT JOIN teams t ON t.id = a.team_id
                    LEFT JOIN contact_reasons r ON r.id = s.reason_id;
                -- The rollups summed over agents to teams (day rows only; month rows repeat them).
                CREATE VIEW bi.contact_daily AS
                    SELECT d.day, d.source, d.channel, d.queue, d.language, t.code AS team_code, r.code AS reason_code,
                           sum(d.contacts)::bigint AS contacts, sum(d.served)::bigint AS served,
                           sum(d.abandoned)::bigint AS abandoned, sum(d.wait_seconds_served)::bigint AS wait_seconds_served,
                           sum(d.handle_seconds_served)::bigint AS handle_seconds_served,
                           sum(d.served_within_service_level)::bigint AS served_within_service_level,
                           sum(d.fcr_contacts)::bigint AS fcr_contacts, sum(d.fcr_pending)::bigint AS fcr_pending,
                           sum(d.fcr_repeated)::bigint AS fcr_repeated, sum(d.fcr_resolved)::bigint AS fcr_resolved,
                           sum(d.nps_promoters)::bigint AS nps_promoters, sum(d.nps_passives)::bigint AS nps_passives,
                           sum(d.nps_detractors)::bigint AS nps_detractors
                    FROM contact_daily d
                    LEFT JOIN agents a ON a.id = d.agent_id LEFT JOIN teams t ON t.id = a.team_id
                    LEFT JOIN contact_reasons r ON r.id = d.reason_id
                    WHERE NOT d.month_total
                    GROUP BY d.day, d.source, d.channel, d.queue, d.language, t.code, r.code;
                CREATE VIEW bi.survey_daily AS
                    SELECT d.day, d.type, d.channel, d.queue, d.language, t.code AS team_code, r.code AS reason_code,
                           sum(d.n)::bigint AS responses, sum(d.top)::bigint AS top_box, sum(d.bottom)::bigint AS bottom_box,
                           sum(d.sum) AS score_sum
                    FROM survey_daily d
                    LEFT JOIN agents a ON a.id = d.agent_id LEFT JOIN teams t ON t.id = a.team_id
                    LEFT JOIN contact_reasons r ON r.id = d.reason_id
                    GROUP BY d.day, d.type, d.channel, d.queue, d.language, t.code, r.code;
            """;

        internal const string Grants = """
                DO $$ BEGIN
                    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'analytics_bi') THEN
                        GRANT USAGE ON SCHEMA bi TO analytics_bi;
                        GRANT SELECT ON ALL TABLES IN SCHEMA bi TO analytics_bi;
                    END IF;
                END $$;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA bi CASCADE;");
        }
    }
}
