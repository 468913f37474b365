using Analytics.Insights.Agents;
using Analytics.Statistics;
using Analytics.Time;

namespace Analytics.Api.Insights;

/// <summary>An estimate as the API shows it: rounded to two decimals like every other figure, null where undefined.</summary>
public sealed record EstimateDto(double? Value, double? Low, double? High, int N);

/// <summary>A change against the previous period: difference with its 95% interval, and the test's p-value.</summary>
public sealed record NpsChangeDto(double? Difference, double? Low, double? High, double? P);

/// <summary>
/// One agent in the fair ranking (see <see cref="AgentRank"/>), rounded for reading; Tier is "above", "inLine", "below"
/// or null (too few responses).
/// </summary>
public sealed record AgentRankDto(string Agent, string? Name, string Team, int N, EstimateDto Raw, EstimateDto Shrunk, double? TeamNps,
    double? Weight, int? Rank, AgentTier? Tier, bool TooFewResponses, int PreviousN, NpsChangeDto? Change,
    bool ChangeIsSignificant);

public sealed record AgentRankingDto(Period Period, Period Previous, int MinimumResponses, double? WithinVariance, double? BetweenVariance,
    IReadOnlyList<AgentRankDto> Agents);

internal static class RankingDtoMapping
{
    public static AgentRankingDto AsDto(this AgentRanking r) => new(r.Period, r.Previous, r.MinimumResponses,
        Round(r.WithinVariance, 1), Round(r.BetweenVariance, 1), r.Agents.Select(a => a.AsDto()).ToList());

    public static AgentRankDto AsDto(this AgentRank a) => new(a.Agent, a.Name, a.Team, a.N, a.Raw.AsDto(), a.Shrunk.AsDto(),
        Round(a.TeamNps, 2), Round(a.Weight, 3), a.Rank, a.Tier, a.TooFewResponses,
        a.PreviousN,
        a.Change is { } c && !double.IsNaN(c.Difference) ? new NpsChangeDto(Round(c.Difference, 2), Round(c.Low, 2), Round(c.High, 2), Round(c.P, 4)) : null,
        a.ChangeIsSignificant);

    private static EstimateDto AsDto(this Estimate e) => new(Round(e.Value, 2), Round(e.Low, 2), Round(e.High, 2), e.N);

    private static double? Round(double v, int digits) => double.IsNaN(v) || double.IsInfinity(v) ? null : Math.Round(v, digits);
}
