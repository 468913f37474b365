using Analytics.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations
{
    /// <summary>
    /// The small-team rule reaches the BI views: a team is named only in the months it had at least
    /// Privacy:MinimumAgents agents with contacts; in other months its rows stay (totals still add up) with no team,
    /// as the API leaves a small team out. The threshold lives in bi_policy, which the host writes from its settings
    /// on start (BiPolicy); the views read it with their owner's rights, analytics_bi cannot.
    /// </summary>
    [DbContext(typeof(AnalyticsDbContext))]
    [Migration("20261206063000_BiSmallTeams")]
    public partial class BiSmallTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE bi_policy (
                    id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                    minimum_agents int NOT NULL DEFAULT 5 CHECK (minimum_agents >= 1));
                INSERT INTO bi_policy DEFAULT VALUES;
                -- Months (first day, local) in which a team had enough agents to hide one in; from the monthly rollup rows.
                CREATE VIEW bi_team_months AS
                    SELECT a.team_id, d.day AS month
                    FROM contact_daily d JOIN agents a ON a.id = d.agent_id
                    WHERE d.month_total AND a.team_id IS NOT NULL
                    GROUP BY a.team_id, d.day
                    HAVING count(DISTINCT d.agent_id) >= (SELECT minimum_agents FROM bi_policy);
                CREATE OR REPLACE VIEW bi.contacts AS
                    SELECT c.id AS contact_id, c.source, c.channel, c.queue, c.started_utc, c.ended_utc, c.wait_seconds,
                           c.talk_seconds, c.hold_seconds, c.acw_seconds, c.transfers, c.outcome, c.language,
                           CASE WHEN m.team_id IS NOT NULL THEN t.code END AS team_code, r.code AS reason_code
                    FROM contacts c
                    LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN teams t ON t.id = a.team_id
                    LEFT JOIN bi_team_months m ON m.team_id = t.id
                         AND m.month = date_trunc('month', c.started_utc AT TIME ZONE 'Europe/Amsterdam')::date
                    LEFT JOIN contact_reasons r ON r.id = c.reason_id;
                CREATE OR REPLACE VIEW bi.surveys AS
                    SELECT s.id AS response_id, s.type, s.score, s.responded_utc, s.contact_id, s.channel, s.queue,
                           s.language, CASE WHEN m.team_id IS NOT NULL THEN t.code END AS team_code, r.code AS reason_code
                    FROM survey_responses s
                    LEFT JOIN agents a ON a.id = s.agent_id LEFT JOIN teams t ON t.id = a.team_id
                    LEFT JOIN bi_team_months m ON m.team_id = t.id
                         AND m.month = date_trunc('month', s.responded_utc AT TIME ZONE 'Europe/Amsterdam')::date
                    LEFT JOIN contact_reasons r ON r.id = s.reason_id;
                CREATE OR REPLACE VIEW bi.contact_daily AS
                    SELECT d.day, d.source, d.channel, d.queue, d.language,
                           CASE WHEN m.team_id IS NOT NULL THEN t.code END AS team_code, r.code AS reason_code,
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
                    LEFT JOIN bi_team_months m ON m.team_id = t.id AND m.month = date_trunc('month', d.day)::date
                    LEFT JOIN contact_reasons r ON r.id = d.reason_id
                    WHERE NOT d.month_total
                    GROUP BY d.day, d.source, d.channel, d.queue, d.language, 6, r.code;
                CREATE OR REPLACE VIEW bi.survey_daily AS
                    SELECT d.day, d.type, d.channel, d.queue, d.language,
                           CASE WHEN m.team_id IS NOT NULL THEN t.code END AS team_code, r.code AS reason_code,
                           sum(d.n)::bigint AS responses, sum(d.top)::bigint AS top_box, sum(d.bottom)::bigint AS bottom_box,
                           sum(d.sum) AS score_sum
                    FROM survey_daily d
                    LEFT JOIN agents a ON a.id = d.agent_id LEFT JOIN teams t ON t.id = a.team_id
                    LEFT JOIN bi_team_months m ON m.team_id = t.id AND m.month = date_trunc('month', d.day)::date
                    LEFT JOIN contact_reasons r ON r.id = d.reason_id
                    GROUP BY d.day, d.type, d.channel, d.queue, d.language, 6, r.code;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP VIEW bi.contacts, bi.surveys, bi.contact_daily, bi.survey_daily;
                DROP VIEW bi_team_months;
                DROP TABLE bi_policy;
                {BiViews.RowAndDailyViews}
                {BiViews.Grants}
                """);
        }
    }
}
