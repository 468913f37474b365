using Analytics.Api.Common;
using Analytics.Api.Access;
using Analytics.Api.Insights;
using Analytics.Api.Metrics;
using Analytics.Api.Privacy;
using Analytics.Data;
using Analytics.Insights.Agents;
using Analytics.Insights.Behaviour;
using Analytics.Insights.Repeats;
using Analytics.Metrics;
using Analytics.Surveys;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Scorecards;

/// <summary>
/// One page per agent or team, what a quality manager opens before a coaching talk or a team meeting: NPS raw and shrunk
/// (ranked only above the minimum n), CES and CSAT, contact KPIs, honest FCR, behaviour checks and a 12-month NPS trend.
/// Every figure comes from the same code as the metrics and insights endpoints, so the numbers match.
/// </summary>
internal static class ScorecardEndpoints
{
    public static void MapScorecards(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/agents/{code}/scorecard", GetAgentAsync).WithTags("Scorecards").WithName("GetAgentScorecard")
            .WithSummary("An agent's scorecard: NPS raw and shrunk toward the team with rank, CES, CSAT, contact KPIs, FCR, behaviour per month, NPS per month over the last 12 months.");
        app.MapGet("/api/v1/teams/{code}/scorecard", GetTeamAsync).WithTags("Scorecards").WithName("GetTeamScorecard")
            .WithSummary("A team's scorecard: NPS, CES, CSAT, contact KPIs, FCR and a 12-month NPS trend; its agents' fair ranking for agent-level roles. Roles without agent access see a team below the privacy thresholds suppressed.");
    }

    internal static async Task<Results<Ok<AgentScorecard>, ProblemHttpResult, ValidationProblem>> GetAgentAsync(
        string code, string? from, string? to, AnalyticsDbContext db, SurveyMetrics surveys, ContactMetrics contacts,
        RepeatAnalysis repeats, FairRanking ranking, BehaviourScorecard behaviour, AgentScopes scopes, Switched switched,
        HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var agent = await db.Agents.AsNoTracking().Include(a => a.Team).SingleOrDefaultAsync(a => a.Code == code, ct);
        if (agent is null) return NotFound("agent", code);
        var scope = await scopes.ForAsync(http, ct);
        if (!scope.SeesAgent(code)) return AgentScopes.Refusal(scope, $"agent {code}");
        return TypedResults.Ok(await ScorecardOfAsync(agent, period!.Value, surveys, contacts, repeats, ranking, behaviour,
            (await switched.ValuesAsync(ct)).Ranking, http, ct));
    }

    /// <summary>One agent's scorecard; <paramref name="positions"/> false leaves the rank out (scores and tier stay).</summary>
    internal static async Task<AgentScorecard> ScorecardOfAsync(Analytics.Agents.Agent agent, Period p, SurveyMetrics surveys,
        ContactMetrics contacts, RepeatAnalysis repeats, FairRanking ranking, BehaviourScorecard behaviour, bool positions,
        HttpContext http, CancellationToken ct)
    {
        var code = agent.Code;
        // The ranking, contact KPIs and FCR are computed for every agent of the period and cached as the metrics are:
        // a team lead opening one agent after another asks the same three questions each time.
        var ranked = await http.CachedAsync($"scorecard:ranking:{p}", () => ranking.RankAsync(p, null, ct), ct);
        var kpis = await http.CachedAsync($"scorecard:contacts:{p}", () => contacts.QueryAsync(p, "agent", ct: ct), ct);
        var fcr = await http.CachedAsync($"scorecard:fcr:{p}", () => repeats.FcrAsync(p, "agent", new RepeatOptions(), ct: ct), ct);
        // Shrinkage estimates the spread between agents over the whole centre; the agent is then looked up in it.
        var rank = ranked.Agents.SingleOrDefault(a => a.Agent == code)?.AsDto();
        if (!positions) rank = rank?.WithoutPosition();
        var filter = new SurveyFilter(p, Agent: code);
        return new AgentScorecard(
            agent.Code, agent.Name, agent.Team?.Code, agent.Team?.Name, p.From, p.To, rank,
            await FigureAsync(surveys, SurveyTypes.Nps, filter, ct), await FigureAsync(surveys, SurveyTypes.Ces, filter, ct),
            await FigureAsync(surveys, SurveyTypes.Csat, filter, ct),
            kpis.SingleOrDefault(k => k.Group == code)?.AsDto(),
            fcr.SingleOrDefault(f => f.Group == code)?.AsDto(),
            await behaviour.ForAgentAsync(p, code, byMonth: true, ct),
            await TrendAsync(surveys, filter with { Period = TrendPeriod(p) }, ct));
    }

    private static async Task<Results<Ok<TeamScorecard>, ProblemHttpResult, ValidationProblem>> GetTeamAsync(
        string code, string? from, string? to, AnalyticsDbContext db, SurveyMetrics surveys, ContactMetrics contacts,
        RepeatAnalysis repeats, FairRanking ranking, PrivacyOptions privacy, Publication publication, AuditLog audit,
        AgentScopes scopes, Switched switched, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        // A team lead sees its own teams' scorecards as a quality manager does; other teams like a cx-manager.
        var seesAgents = (await scopes.ForAsync(http, ct)).SeesTeam(code);
        if (!seesAgents) Publication.RequireGrain(period, "none", "none", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Code == code, ct);
        if (team is null) return NotFound("team", code);
        var p = period!.Value;
        var filter = new SurveyFilter(p, Team: code);
        // Roles without agent access see a team's figures only when it is large enough not to point at one person, and
        // then as /metrics publishes the same cells: perturbed, the trend in whole months.
        var key = seesAgents ? null : await publication.KeyAsync(ct);
        var teamFilter = new ContactFilter(code);
        SurveyGroupDto? Shown(SurveyFigure? f, string type) => f is null ? null : seesAgents ? f.AsDto()
            : f.N < privacy.MinimumResponses || f.Agents < privacy.MinimumAgents ? f.Suppressed()
            : Publication.Perturb(f, key!, Publication.Cell(type, p, teamFilter, "none", "", f.Period), type).AsDto();
        var kpis = (await contacts.QueryAsync(p, "team", ct: ct)).SingleOrDefault(k => k.Group == code);
        var fcr = (await repeats.FcrAsync(p, "team", new RepeatOptions(), ct: ct)).SingleOrDefault(f => f.Group == code);
        var small = kpis is null || kpis.Agents < privacy.MinimumAgents;
        IReadOnlyList<AgentRankDto>? agents = null;
        if (seesAgents)
        {
            var positions = (await switched.ValuesAsync(ct)).Ranking;
            agents = (await ranking.RankAsync(p, code, ct)).Agents.Select(a => positions ? a.AsDto() : a.AsDto().WithoutPosition())
                .ToList();
            await audit.RecordAsync(http, 200, ct);
        }
        else if (!small)
        {
            kpis = Publication.Perturb(kpis!, key!, Publication.Cell("contacts", p, ContactFilter.None, "team", code, null));
            fcr = fcr is null ? null : Publication.Perturb(fcr, key!,
                Publication.Cell(Publication.FcrMetric(new RepeatOptions(), null), p, ContactFilter.None, "team", code, null),
                Publication.Cell("fcr", p, ContactFilter.None, "team", code, null));
        }
        var trend = (await surveys.QueryAsync(SurveyTypes.Nps, "none", filter with { Period = TrendPeriod(p, seesAgents) }, "month", ct))
            .Select(f => Shown(f, SurveyTypes.Nps)).OfType<SurveyGroupDto>().ToList();
        return TypedResults.Ok(new TeamScorecard(
            team.Code, team.Name, p.From, p.To,
            Shown(await OneAsync(surveys, SurveyTypes.Nps, filter, ct), SurveyTypes.Nps),
            Shown(await OneAsync(surveys, SurveyTypes.Ces, filter, ct), SurveyTypes.Ces),
            Shown(await OneAsync(surveys, SurveyTypes.Csat, filter, ct), SurveyTypes.Csat),
            !seesAgents && small ? null : kpis?.AsDto(), !seesAgents && small ? null : fcr?.AsDto(),
            KpisSuppressed: !seesAgents && small && kpis is not null, trend, agents));
    }

    /// <summary>
    /// The twelve local months up to and including the period's last one; for roles that see published figures only
    /// whole months, so up to the last month the period ends with.
    /// </summary>
    private static Period TrendPeriod(Period p, bool seesAgents = true)
    {
        var end = seesAgents || p.To.AddDays(1).Day == 1 ? p.To : new DateOnly(p.To.Year, p.To.Month, 1).AddDays(-1);
        return new(new DateOnly(end.Year, end.Month, 1).AddMonths(-11), end);
    }

    private static async Task<SurveyFigure?> OneAsync(SurveyMetrics surveys, string type, SurveyFilter filter, CancellationToken ct) =>
        (await surveys.QueryAsync(type, "none", filter, ct)).SingleOrDefault();

    private static async Task<SurveyGroupDto?> FigureAsync(SurveyMetrics surveys, string type, SurveyFilter filter, CancellationToken ct) =>
        (await OneAsync(surveys, type, filter, ct))?.AsDto();

    private static async Task<IReadOnlyList<SurveyGroupDto>> TrendAsync(SurveyMetrics surveys, SurveyFilter filter, CancellationToken ct) =>
        (await surveys.QueryAsync(SurveyTypes.Nps, "none", filter, "month", ct)).Select(f => f.AsDto()).ToList();

    private static ProblemHttpResult NotFound(string what, string code) =>
        TypedResults.Problem(statusCode: 404, title: $"No such {what}", detail: $"There is no {what} with code '{code}'.");
}

/// <summary>Nps is the fair-ranking row (raw and shrunk, rank, change against the previous period); the survey figures are per type.</summary>
public sealed record AgentScorecard(string Agent, string? Name, string? Team, string? TeamName, DateOnly From, DateOnly To,
    AgentRankDto? Nps, SurveyGroupDto? NpsFigure, SurveyGroupDto? Ces, SurveyGroupDto? Csat, ContactGroupDto? Contacts, FcrGroupDto? Fcr,
    IReadOnlyList<BehaviourSummary> BehaviourByMonth, IReadOnlyList<SurveyGroupDto> NpsByMonth);

public sealed record TeamScorecard(string Team, string? Name, DateOnly From, DateOnly To, SurveyGroupDto? Nps, SurveyGroupDto? Ces,
    SurveyGroupDto? Csat, ContactGroupDto? Contacts, FcrGroupDto? Fcr, bool KpisSuppressed, IReadOnlyList<SurveyGroupDto> NpsByMonth,
    IReadOnlyList<AgentRankDto>? Agents);
