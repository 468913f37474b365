using Analytics.Insights.Agents;
using Analytics.Statistics;
using Analytics.Time;

namespace Analytics.Api.Insights;

/// <summary>An estimate as the API shows it: null where undefined; rounded as written (Common.NumberPolicy).</summary>
public sealed record EstimateDto(double? Value, double? Low, double? High, int N);

/// <summary>A change against the previous period: difference with its 95% interval, and the test's p-value.</summary>
public sealed record NpsChangeDto(double? Difference, double? Low, double? High, double? P);

/// <summary>
/// One agent in the fair ranking (see <see cref="AgentRank"/>); Tier is "above", "inLine", "below"
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
        Defined(r.WithinVariance), Defined(r.BetweenVariance), r.Agents.Select(a => a.AsDto()).ToList());

    public static AgentRankDto AsDto(this AgentRank a) => new(a.Agent, a.Name, a.Team, a.N, a.Raw.AsDto(), a.Shrunk.AsDto(),
        Defined(a.TeamNps), Defined(a.Weight), a.Rank, a.Tier, a.TooFewResponses, a.PreviousN,
        a.Change is { } c && !double.IsNaN(c.Difference)
            ? new NpsChangeDto(Defined(c.Difference), Defined(c.Low), Defined(c.High), Defined(c.P)) : null,
        a.ChangeIsSignificant);

    /// <summary>Scores and tier without the position: where the ranking switch is off, and for an agent's own view.</summary>
    public static AgentRankDto WithoutPosition(this AgentRankDto a) => a with { Rank = null };

    private static EstimateDto AsDto(this Estimate e) => new(Defined(e.Value), Defined(e.Low), Defined(e.High), e.N);

    private static double? Defined(double v) => double.IsFinite(v) ? v : null;
}
