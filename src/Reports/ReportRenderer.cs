using Analytics.Metrics;
using Analytics.Reports.Audit;
using Analytics.Reports.Management;
using Analytics.Reports.Quality;
using Analytics.Reports.Reasons;
using Analytics.Time;
using Npgsql;

namespace Analytics.Reports;

/// <summary>
/// Filters a report is scoped to; shown on its cover line and (when checked) part of its file name. Agent is the
/// coaching family's subject (required there, refused elsewhere).
/// </summary>
public sealed record ReportFilters(string? Team = null, string? Channel = null, string? Agent = null)
{
    public static readonly ReportFilters None = new();

    /// <summary>
    /// The privacy switches the report was made under: every page states them, and the quality family leaves rank
    /// positions out when ranking is off. Set by <see cref="ReportRenderer"/>, not by the caller.
    /// </summary>
    public Analytics.Privacy.SwitchValues? Privacy { get; init; }

    /// <summary>Blank values mean no filter, as in the metrics endpoints.</summary>
    public static ReportFilters Of(string? team, string? channel, string? agent = null) =>
        new(Blank(team), Blank(channel), Blank(agent));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public string Describe(ReportLanguage lang) => Team is null && Channel is null && Agent is null ? lang["none"]
        : string.Join(", ",
            new[]
            {
                Team is null ? null : $"team {Team}", Channel is null ? null : $"{lang["channel"]} {Channel}",
                Agent is null ? null : $"{lang["agent"].ToLower(lang.Culture)} {Agent}",
            }.Where(s => s is not null));
}

/// <summary>Extra figures from the insights (fair ranking, FCR, drivers), from the host when available.</summary>
public interface IReportInsights
{
    Task<IReadOnlyList<AgentFairScore>?> FairAgentsAsync(Period period, string? team, CancellationToken ct);
    Task<(double Honest, double Naive)?> FcrAsync(Period period, CancellationToken ct);
    Task<IReadOnlyList<Driver>> DriversAsync(Period period, CancellationToken ct);

    /// <summary>Candidate new reasons with contacts in the period (team and channel as the report's filters).</summary>
    Task<IReadOnlyList<Analytics.Reasons.CandidateView>> NewReasonsAsync(Period period, ReportFilters filters, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Analytics.Reasons.CandidateView>>([]);

    /// <summary>
    /// A count as the publication rule (decision 020) publishes it to roles without agent-level access: the API's
    /// cell-key noise, the cell named by metric, period, team filter and group as on the routes. Exact without a host.
    /// </summary>
    Task<int> PublishedCountAsync(int value, string metric, Period period, string? team, string group,
        CancellationToken ct) => Task.FromResult(value);
}

/// <summary>Queries the figures of one report family and draws its PDF.</summary>
public sealed class ReportRenderer(ReasonMetrics reasons, SurveyMetrics surveys, ContactMetrics contacts,
    NpgsqlDataSource db, IReportInsights? insights = null, Analytics.Privacy.PrivacySwitches? switches = null,
    Analytics.FollowUps.FollowUpTasks? followUps = null, Coaching.CoachingFigures? coaching = null)
{
    public static readonly string[] Families = ["reasons", "quality", "management", "audit", "coaching"];

    public async Task RenderAsync(string family, Period period, ReportLanguage lang, ReportFilters filters,
        Stream output, CancellationToken ct)
    {
        if (switches is not null) filters = filters with { Privacy = await switches.CurrentAsync(ct) };
        switch (family)
        {
            case "reasons":
                var volumes = await reasons.VolumesAsync(period, ct, filters.Team, filters.Channel);
                var candidates = insights is null ? null : await insights.NewReasonsAsync(period, filters, ct);
                ReasonsReport.Render(volumes, lang, filters, output, candidates);
                break;
            case "quality":
                QualityReport.Render(await QualityAsync(period, filters, lang, ct), lang, filters, output);
                break;
            case "management":
                ManagementReport.Render(await ManagementAsync(period, filters, lang, ct), lang, filters, output);
                break;
            case "audit":
                AuditReport.Render(await AuditAsync(period, ct), lang, output);
                break;
            case "coaching" when coaching is not null && filters.Agent is { } agent:
                Coaching.CoachingReport.Render(await coaching.ForAgentAsync(period, agent, lang,
                    filters.Privacy?.GamingSignals ?? true, await LastIngestAsync(ct), ct), lang, filters, output);
                break;
            default:
                throw new ArgumentException(
                    $"unknown report family '{family}'; use one of {string.Join(", ", Families)}", nameof(family));
        }
    }

    public async Task<QualityData> QualityAsync(Period period, ReportFilters filters, ReportLanguage lang,
        CancellationToken ct)
    {
        var f = new SurveyFilter(period, filters.Team, Channel: filters.Channel);
        var nps = (await surveys.QueryAsync("nps", "none", f, ct)).FirstOrDefault();
        var ces = (await surveys.QueryAsync("ces", "none", f, ct)).FirstOrDefault();
        var csat = (await surveys.QueryAsync("csat", "none", f, ct)).FirstOrDefault();
        var fair = insights is null ? null : await insights.FairAgentsAsync(period, filters.Team, ct);
        return new QualityData(period, await LastIngestAsync(ct), nps, ces, csat,
            await surveys.QueryAsync("nps", "team", f, ct), await surveys.QueryAsync("ces", "team", f, ct),
            await surveys.QueryAsync("csat", "team", f, ct), await surveys.QueryAsync("nps", "agent", f, ct), fair,
            await DetractorsAsync(period, filters, lang, ct), surveys.MinimumResponses);
    }

    public async Task<ManagementData> ManagementAsync(Period period, ReportFilters filters, ReportLanguage lang,
        CancellationToken ct)
    {
        var f = new SurveyFilter(period, filters.Team, Channel: filters.Channel);
        var previous = period.Previous();
        var volumes = await reasons.VolumesAsync(period, ct, filters.Team, filters.Channel);
        var fcr = insights is null ? null : await insights.FcrAsync(period, ct);
        var departments = volumes.Reasons.Where(r => r.Avoidable).GroupBy(r => r.Department)
            .Select(g => new DepartmentFailure(g.Key, g.Sum(r => r.Contacts),
                volumes.TotalContacts == 0 ? 0 : 100.0 * g.Sum(r => r.Contacts) / volumes.TotalContacts,
                g.OrderByDescending(r => r.Contacts).Take(3)
                    .Select(r => $"{lang.ReasonName(r.NameNl, r.NameEn)} ({lang.Number(r.Contacts)})").ToList()))
            .OrderByDescending(x => x.Avoidable).ToList();
        return new ManagementData(period, volumes.LastIngestUtc,
            (await surveys.QueryAsync("nps", "none", f, ct)).FirstOrDefault(),
            (await surveys.QueryAsync("nps", "none", f with { Period = previous }, ct)).FirstOrDefault(),
            (await contacts.QueryAsync(period, ct: ct)).FirstOrDefault(),
            (await contacts.QueryAsync(previous, ct: ct)).FirstOrDefault(),
            fcr?.Honest, fcr?.Naive,
            volumes, insights is null ? [] : await NamedAsync(await insights.DriversAsync(period, ct), lang, ct),
            departments, await FollowUpsAsync(period, filters, ct));
    }

    /// <summary>
    /// Closed tasks per owning department and closure code, and per team the share closed in time. The report is a
    /// cx-manager's: a team with fewer agents than Privacy:MinimumAgents (with contacts in the period) is named, not
    /// shown.
    /// </summary>
    private async Task<FollowUpSection?> FollowUpsAsync(Period period, ReportFilters filters, CancellationToken ct)
    {
        if (followUps is null) return null;
        var summary = await followUps.SummaryAsync(period,
            filters.Team is null ? null : new HashSet<string> { filters.Team }, ct);
        var minimum = filters.Privacy?.MinimumAgents ?? 0;
        var agents = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("""
            SELECT t.code, count(DISTINCT c.agent_id)
            FROM contacts c JOIN agents a ON a.id = c.agent_id JOIN teams t ON t.id = a.team_id
            WHERE c.started_utc >= @from AND c.started_utc < @to GROUP BY t.code
            """))
        {
            cmd.Parameters.AddWithValue("from", period.FromUtc);
            cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) agents[r.GetString(0)] = r.GetInt64(1);
        }
        // A director knows teams by name; the tasks carry codes.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT code, name FROM teams"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) names[r.GetString(0)] = r.GetString(1);
        var teams = summary.Teams.Where(t => t.Team.Length > 0).Select(t => (Row: t, Name: names.GetValueOrDefault(t.Team, t.Team)))
            .Select(t => agents.GetValueOrDefault(t.Row.Team) < minimum
                ? new FollowUpTeamRow(t.Name, null, null, null, true)
                : new FollowUpTeamRow(t.Name, t.Row.Tasks, t.Row.Closed, t.Row.ShareClosedInTime, false)).ToList();
        // The report is a cx-manager's: its department counts get the same cell-key noise as the routes (decision 020),
        // so a small department cannot be had from two reports' difference.
        var departments = new List<Analytics.FollowUps.FollowUpDepartmentFigures>();
        foreach (var d in summary.Departments)
            departments.Add(d with { Tasks = await PublishedAsync(d.Tasks, "followups:department", d.Department) });
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, count) in summary.ClosureCodes)
            codes[code] = await PublishedAsync(count, "followups:closure", code);
        return new FollowUpSection(departments, codes, teams, minimum);

        Task<int> PublishedAsync(int value, string metric, string group) => insights is null ? Task.FromResult(value)
            : insights.PublishedCountAsync(value, metric, period, filters.Team, group, ct);
    }

    /// <summary>
    /// Drivers name reasons by code; a director reads names. Taken from the taxonomy, not from this period's volumes:
    /// the reference reason of the whole centre need not occur under the report's filters.
    /// </summary>
    private async Task<IReadOnlyList<Driver>> NamedAsync(IReadOnlyList<Driver> drivers, ReportLanguage lang,
        CancellationToken ct)
    {
        if (drivers.Count == 0) return drivers;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT code, name_nl, name_en FROM contact_reasons"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) names[r.GetString(0)] = lang.ReasonName(r.GetString(1), r.GetString(2));
        string? Name(string? code) => code is null ? null : names.GetValueOrDefault(code, code);
        return drivers.Select(d => d with { Reason = Name(d.Reason), Reference = Name(d.Reference) }).ToList();
    }

    private async Task<IReadOnlyList<DetractorComment>> DetractorsAsync(Period period, ReportFilters filters,
        ReportLanguage lang, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT s.responded_utc, s.score, s.comment, c.source_id, r.name_nl, r.name_en, t.name
            FROM survey_responses s
            JOIN contacts c ON c.id = s.contact_id
            LEFT JOIN contact_reasons r ON r.id = s.reason_id
            LEFT JOIN agents a ON a.id = s.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            WHERE s.type = 'nps' AND s.score <= 6 AND s.comment IS NOT NULL AND length(s.comment) > 20
              AND s.responded_utc >= @from AND s.responded_utc < @to
              AND (@team::text IS NULL OR t.code = @team) AND (@channel::text IS NULL OR s.channel = @channel)
            ORDER BY s.score, s.responded_utc DESC LIMIT 8
            """);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("team", filters.Team));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("channel", filters.Channel));
        var list = new List<DetractorComment>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new DetractorComment(r.GetDateTime(0), r.GetInt32(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : lang.ReasonName(r.GetString(4), r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetString(6)));
        return list;
    }

    /// <summary>The period's audit log, keys named by role, id and name (team and channel filters do not apply).</summary>
    public async Task<AuditSummary> AuditAsync(Period period, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT a.at_utc, CASE WHEN a.api_key_id IS NULL THEN a.role
                                  ELSE a.role || ' #' || a.api_key_id || coalesce(' (' || k.name || ')', '') END,
                   a.method, a.path, a.query, a.status, a.detail
            FROM audit_log a LEFT JOIN api_keys k ON k.id = a.api_key_id
            WHERE a.at_utc >= @from AND a.at_utc < @to ORDER BY a.id
            """);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        var rows = new List<AuditRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new AuditRow(r.GetDateTime(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6)));
        return AuditSummary.From(period, rows);
    }

    private async Task<DateTime?> LastIngestAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "SELECT max(finished_utc) FROM ingest_batches WHERE state = 'completed'");
        return await cmd.ExecuteScalarAsync(ct) as DateTime?;
    }
}
