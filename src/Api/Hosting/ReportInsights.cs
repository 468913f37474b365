using Analytics.Insights.Agents;
using Analytics.Insights.Drivers;
using Analytics.Insights.Repeats;
using Analytics.Reports;
using Analytics.Reports.Management;
using Analytics.Reports.Quality;
using Analytics.Time;

namespace Analytics.Api;

/// <summary>Feeds the insights (fair ranking, honest FCR, drivers) into the quality and management reports.</summary>
internal sealed class ReportInsights(FairRanking ranking, RepeatAnalysis repeats, DriverAnalysis drivers,
    IServiceScopeFactory scopes, Metrics.Publication publication) : IReportInsights
{
    public async Task<int> PublishedCountAsync(int value, string metric, Period period, string? team, string group,
        CancellationToken ct) =>
        (await publication.KeyAsync(ct)).Perturb(value,
            Metrics.Publication.Cell(metric, period, new Analytics.Metrics.ContactFilter(Team: team), metric, group, null),
            "count");

    public async Task<IReadOnlyList<AgentFairScore>?> FairAgentsAsync(Period period, string? team, CancellationToken ct)
    {
        var r = await ranking.RankAsync(period, team, ct);
        return r.Agents.Select(a => new AgentFairScore(a.Agent, a.Name, a.Team, a.N, a.Raw.Value, a.Shrunk.Value,
            a.Shrunk.Low, a.Shrunk.High, a.TeamNps, a.Tier, a.TooFewResponses,
            a.ChangeIsSignificant ? a.Change?.Difference : null)).ToList();
    }

    public async Task<(double Honest, double Naive)?> FcrAsync(Period period, CancellationToken ct)
    {
        var all = (await repeats.FcrAsync(period, "none", new RepeatOptions(), ct: ct)).FirstOrDefault();
        return all is null || all.Decided == 0 ? null : (all.Fcr.Value, all.NaiveFcr.Value);
    }

    public async Task<IReadOnlyList<Driver>> DriversAsync(Period period, CancellationToken ct)
    {
        var report = await drivers.AnalyseAsync(period, ct: ct);
        // The strongest effects either way, significant ones only: what a director can act on. The report puts them
        // in words in its own language, so they leave here as keys (feature, reason codes), not as the API's English.
        return (report.Contacts?.Effects ?? [])
            .Where(e => e.Low > 1 || e.High < 1)
            .OrderByDescending(e => Math.Abs(Math.Log(e.OddsRatio)))
            .Select(e => new Driver(e.Feature, DriverFeatures.ReasonCode(e.Feature), report.ReferenceReason,
                drivers.RepeatLookbackDays, e.OddsRatio, e.Low, e.High))
            .ToList();
    }

    public async Task<IReadOnlyList<Analytics.Reasons.CandidateView>> NewReasonsAsync(Period period, ReportFilters filters,
        CancellationToken ct)
    {
        // The renderer is a singleton; discovery reads through a DbContext, which lives in a scope.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Analytics.Reasons.ReasonDiscovery>()
            .ForPeriodAsync(period, ct, team: filters.Team, channel: filters.Channel);
    }
}
