using Analytics.Api.Common;
using Analytics.Access;
using Analytics.Api.Access;
using Analytics.Api.Privacy;
using Analytics.Privacy;
using Analytics.Api.Metrics;
using Analytics.Insights.Agents;
using Analytics.Insights.Alerts;
using Analytics.Insights.Behaviour;
using Analytics.Insights.Drivers;
using Analytics.Insights.Repeats;
using Analytics.Statistics;
using Analytics.Surveys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Insights;

internal static class InsightsEndpoints
{
    public static RouteGroupBuilder MapInsights(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/insights").WithTags("Insights");
        g.MapGet("/fcr", GetFcrAsync).WithName("GetFcr").AddEndpointFilter<AgentGroupingFilter>()
            .WithSummary("Honest first-contact resolution (N working days, same or any reason) next to the naive figure, per group (and day, week or month), of the contacts the filters keep.");
        g.MapGet("/contacts/{id:long}/chain", GetChainAsync).WithName("GetRepeatChain")
            .WithSummary("The customer's repeat chain up to this contact: \"5th contact in 10 days\".");
        g.MapGet("/contacts/{id:long}/behaviour", GetContactBehaviourAsync).WithName("GetContactBehaviour")
            .WithSummary("Auto-QA checks of one transcript, each pointing at the turn that triggered it.");
        g.MapGet("/agents/ranking", GetRankingAsync).WithName("GetFairRanking")
            .WithSummary("Agent NPS raw and shrunk toward the team (empirical Bayes), ranked only above the minimum n; significant changes flagged.");
        g.MapGet("/agents/behaviour", GetAgentBehaviourAsync).WithName("GetAgentBehaviour")
            .WithSummary("Behaviour scorecard per agent (optionally per month).");
        g.MapGet("/drivers", GetDriversAsync).WithName("GetDrivers")
            .WithSummary("Odds ratios with 95% intervals of what raises or lowers the chance of a bad score.");
        g.MapGet("/failure-demand", GetFailureDemandAsync).WithName("GetFailureDemand")
            .WithSummary("Avoidable contacts by owning department.");
        g.MapGet("/gaming", GetGamingAsync).WithName("GetGamingSignals")
            .WithSummary("Survey gaming signals per agent.");
        g.MapPost("/alerts/detect", DetectAlertsAsync).WithName("DetectReasonAlerts")
            .WithSummary("Runs the emerging-reason CUSUM over the period and stores new alerts.");
        g.MapGet("/alerts", ListAlertsAsync).WithName("ListReasonAlerts")
            .WithSummary("Stored emerging-reason alerts detected in the period.");
        return g;
    }

    internal static async Task<Results<Ok<FcrResponse>, ValidationProblem>> GetFcrAsync(
        [AsParameters] FcrQuery query, RepeatAnalysis fcr, PrivacyOptions privacy, Publication publication,
        IOptions<ApiOptions> api, HttpContext http, CancellationToken ct)
    {
        var suppress = !http.SeesAgentsHere();
        var errors = new Dictionary<string, string[]>();
        var q = query.Validate(suppress, api.Value.MaxPeriodDays, errors);
        if (q is null) return TypedResults.ValidationProblem(errors);
        // Agent-level access (groupBy=agent, an agent filter) is checked and audited by AgentGroupingFilter.
        // Cached like the metrics: the Overview asks the same month's FCR for every visitor (a raw scan of the month).
        var rows = await http.CachedAsync(
            $"fcr:{q.Period}:{q.GroupBy}:{q.Interval}:{q.AsOf}:{System.Text.Json.JsonSerializer.Serialize(q.Options)}:" +
            System.Text.Json.JsonSerializer.Serialize(q.Filter),
            () => fcr.FcrAsync(q.Period, q.GroupBy, q.Options, q.AsOf, q.Filter, q.Interval, ct), ct);
        var key = suppress ? await publication.KeyAsync(ct) : null;
        var metric = Publication.FcrMetric(q.Options, q.AsOf);
        return TypedResults.Ok(new FcrResponse(q.Period.From, q.Period.To, q.GroupBy, q.Options, fcr.NaiveDays,
            rows.Select(f => !suppress ? f.AsDto()
                : f.Agents < privacy.MinimumAgents ? f.Suppressed()
                : Publication.Perturb(f, key!, Publication.Cell(metric, q.Period, q.Filter, q.GroupBy, f.Group, f.Period),
                    Publication.Cell("fcr", q.Period, q.Filter, q.GroupBy, f.Group, f.Period)).AsDto())
                .ToList(), q.Interval));
    }

    internal static async Task<Results<Ok<RepeatChain>, NotFound, ValidationProblem, ProblemHttpResult>> GetChainAsync(
        long id, string? scope, string? window, int? days, int? lookback, RepeatChains chains, AgentScopes scopes, HttpContext http,
        CancellationToken ct)
    {
        if (await scopes.RefuseContactAsync(http, id, ct) is { } refused) return refused;
        var errors = new Dictionary<string, string[]>();
        var options = RepeatOptionsFrom(scope, window, days, errors);
        if (lookback is < 1 or > 365) errors["lookback"] = ["lookback must be 1–365 days"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var chain = await chains.ForContactAsync(id, options!, lookback ?? 10, ct);
        return chain is null ? TypedResults.NotFound() : TypedResults.Ok(chain);
    }

    private static async Task<Results<Ok<BehaviourResult>, NotFound, ProblemHttpResult>> GetContactBehaviourAsync(
        long id, BehaviourScorecard scorecard, AgentScopes scopes, Switched switched, HttpContext http, CancellationToken ct)
    {
        if (await scopes.RefuseContactAsync(http, id, ct) is { } refused) return refused;
        // Read from the transcript: where quality managers may not see transcripts, they do not see this either.
        if (http.User.Role() == Roles.QualityManager && await switched.RefuseAsync(PrivacySwitches.TranscriptsForQualityManagers, ct) is { } off)
            return off;
        return await scorecard.ForContactAsync(id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<AgentRankingDto>, ValidationProblem, ProblemHttpResult>> GetRankingAsync(
        string? from, string? to, string? team, FairRanking ranking, AgentScopes scopes, Switched switched, HttpContext http,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await switched.RefuseAsync(PrivacySwitches.Ranking, ct) is { } off) return off;
        var scope = await scopes.ForAsync(http, ct);
        var dto = (await ranking.RankAsync(period!.Value, team, ct)).AsDto();
        return TypedResults.Ok(dto with { Agents = scope.Only(dto.Agents, a => a.Agent) });
    }

    private static async Task<Results<Ok<IReadOnlyList<BehaviourSummary>>, ValidationProblem>> GetAgentBehaviourAsync(
        string? from, string? to, bool? byMonth, BehaviourScorecard scorecard, AgentScopes scopes, HttpContext http,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var scope = await scopes.ForAsync(http, ct);
        return TypedResults.Ok(scope.Only(await scorecard.PerAgentAsync(period!.Value, byMonth ?? false, ct), b => b.Group));
    }

    private static async Task<Results<Ok<DriverReport>, ValidationProblem>> GetDriversAsync(
        string? from, string? to, string? type, DriverAnalysis drivers, IOptions<ApiOptions> api, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        QueryParsing.RawScanLimit(period, api.Value.MaxPeriodDays, errors);
        type ??= SurveyTypes.Nps;
        if (SurveyTypes.Range(type) is null) errors["type"] = ["type must be nps, ces or csat"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await drivers.AnalyseAsync(period!.Value, type, ct));
    }

    private static async Task<Results<Ok<FailureDemandResponse>, ValidationProblem>> GetFailureDemandAsync(
        string? from, string? to, FailureDemand failureDemand, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var (all, departments) = await failureDemand.ByDepartmentAsync(period!.Value, ct);
        return TypedResults.Ok(new FailureDemandResponse(period.Value.From, period.Value.To, all, departments));
    }

    private static async Task<Results<Ok<IReadOnlyList<GamingSignal>>, ValidationProblem, ProblemHttpResult>> GetGamingAsync(
        string? from, string? to, GamingSignals gaming, AgentScopes scopes, Switched switched, HttpContext http,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await switched.RefuseAsync(PrivacySwitches.GamingSignals, ct) is { } off) return off;
        var scope = await scopes.ForAsync(http, ct);
        return TypedResults.Ok(scope.Only(await gaming.PerAgentAsync(period!.Value, ct), g => g.Agent));
    }

    private static async Task<Results<Ok<IReadOnlyList<AlertDto>>, ValidationProblem>> DetectAlertsAsync(
        string? from, string? to, EmergingReasons detector, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok<IReadOnlyList<AlertDto>>((await detector.DetectAsync(period!.Value, ct)).Select(a => a.AsDto()).ToList());
    }

    internal static async Task<Results<Ok<IReadOnlyList<AlertDto>>, ValidationProblem>> ListAlertsAsync(
        string? from, string? to, EmergingReasons detector, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok<IReadOnlyList<AlertDto>>((await detector.ListAsync(period!.Value, ct)).Select(a => a.AsDto()).ToList());
    }

    internal static RepeatOptions? RepeatOptionsFrom(string? scope, string? window, int? days, Dictionary<string, string[]> errors)
    {
        RepeatScope s = RepeatScope.SameReason;
        RepeatWindow w = RepeatWindow.WorkingDays;
        switch (scope ?? "same") { case "same": break; case "any": s = RepeatScope.AnyReason; break; default: errors["scope"] = ["scope must be 'same' or 'any'"]; break; }
        switch (window ?? "working") { case "working": break; case "calendar": w = RepeatWindow.CalendarDays; break; default: errors["window"] = ["window must be 'working' or 'calendar'"]; break; }
        if (days is < 1 or > 60) errors["days"] = ["days must be 1–60"];
        return new RepeatOptions(s, w, days ?? (w == RepeatWindow.CalendarDays ? 7 : 5));
    }
}

public sealed record FcrResponse(DateOnly From, DateOnly To, string GroupBy, RepeatOptions Options, int NaiveDays, IReadOnlyList<FcrGroupDto> Groups,
    string Interval = "none");

/// <summary>
/// One group's FCR as <see cref="FcrFigure"/> has it; counts and figures are null when <see cref="Suppressed"/> (too few
/// agents for the caller's role). <see cref="Period"/> names the day, week (its Monday) or month when an interval was asked.
/// </summary>
public sealed record FcrGroupDto(string Group, string? Name, int? Contacts, int? Pending, int? Decided, int? Resolved, int? Repeated,
    Estimate? Fcr, Estimate? RepeatRate, Estimate? NaiveFcr, bool TooFewContacts, bool Suppressed = false, string? Period = null);

internal static class FcrMapping
{
    public static FcrGroupDto AsDto(this FcrFigure f) => new(f.Group, f.Name, f.Contacts, f.Pending, f.Decided, f.Resolved, f.Repeated,
        f.Fcr, f.RepeatRate, f.NaiveFcr, f.TooFewContacts, Period: f.Period);

    public static FcrGroupDto Suppressed(this FcrFigure f) =>
        new(f.Group, f.Name, null, null, null, null, null, null, null, null, f.TooFewContacts, Suppressed: true, Period: f.Period);
}

public sealed record FailureDemandResponse(DateOnly From, DateOnly To, int AllContacts, IReadOnlyList<DepartmentFailureDemand> Departments);

public sealed record AlertDto(long Id, string Reason, DateOnly DetectedOn, double BaselineMean, int Count, double RecentMean, double Cusum,
    double Threshold, double TargetRunLength, DateTime CreatedUtc);

internal static class AlertMapping
{
    public static AlertDto AsDto(this ReasonAlert a) =>
        new(a.Id, a.ReasonCode, a.DetectedOn, a.BaselineMean, a.Count, a.RecentMean, a.Cusum, a.Threshold,
            a.TargetRunLength, a.CreatedUtc);
}
