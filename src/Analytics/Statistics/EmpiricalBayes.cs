namespace Analytics.Statistics;

/// <summary>One unit (an agent) in its group (a team), as NPS counts.</summary>
public sealed record GroupedCounts(string Unit, string Group, int Promoters, int Passives, int Detractors)
{
    public int N => Promoters + Passives + Detractors;
    /// <summary>Mean per-response score in NPS points (+100 promoter, 0 passive, −100 detractor).</summary>
    public double Mean => 100.0 * (Promoters - Detractors) / N;
}

/// <summary>A unit's NPS pulled toward its group's: Shrunk = GroupMean + Weight · (Raw − GroupMean).</summary>
public sealed record ShrunkNps(GroupedCounts Counts, Estimate Raw, Estimate Shrunk, double GroupMean, double Weight);

public sealed record ShrinkageResult(double WithinVariance, double BetweenVariance, IReadOnlyList<ShrunkNps> Units);

public static class EmpiricalBayes
{
    /// <summary>
    /// Normal–normal empirical Bayes on per-response NPS scores. Each agent's true NPS is drawn around its team's mean with a
    /// between-agent variance τ² common to all teams; responses scatter around the agent's NPS with variance σ².
    /// σ² is the pooled within-agent variance; τ² the one-way-ANOVA method-of-moments estimate with agents nested in teams:
    /// E[Σ nᵢ(mᵢ − μₜ)²] = (K − T)σ² + τ² Σₜ(Nₜ − Σᵢ nᵢ²/Nₜ), truncated at 0. An agent with few surveys gets a small weight
    /// τ²/(τ² + σ²/n) and stays near the team, so six lucky surveys do not put anyone on top.
    /// The interval adds the team mean's own uncertainty, (1 − w)²·Var(μₜ).
    /// </summary>
    public static ShrinkageResult ShrinkNps(IReadOnlyList<GroupedCounts> units)
    {
        var present = units.Where(u => u.N > 0).ToList();
        if (present.Count == 0) return new ShrinkageResult(double.NaN, double.NaN, []);
        var groups = present.GroupBy(u => u.Group).ToDictionary(g => g.Key, g => g.ToList());

        int n = present.Sum(u => u.N), k = present.Count, t = groups.Count;
        var withinSs = present.Sum(u => 10000.0 * (u.Promoters + u.Detractors) - u.N * u.Mean * u.Mean);
        var sigma2 = n > k ? withinSs / (n - k) : double.NaN;

        var groupMean = groups.ToDictionary(g => g.Key, g => g.Value.Sum(u => u.N * u.Mean) / g.Value.Sum(u => u.N));
        var q = present.Sum(u => u.N * Math.Pow(u.Mean - groupMean[u.Group], 2));
        var d = groups.Values.Sum(g => { double ng = g.Sum(u => u.N); return ng - g.Sum(u => (double)u.N * u.N) / ng; });
        // No agent shares a team, or no within-agent spread to compare against: nothing to learn, so no shrinkage.
        var tau2 = d > 0 && !double.IsNaN(sigma2) ? Math.Max(0, (q - (k - t) * sigma2) / d) : double.PositiveInfinity;

        var result = new List<ShrunkNps>(present.Count);
        foreach (var u in present)
        {
            var raw = SurveyStatistics.Nps(u.Promoters, u.Passives, u.Detractors);
            var g = groups[u.Group];
            var mu = groupMean[u.Group];
            if (double.IsPositiveInfinity(tau2) || sigma2 == 0)
            {
                result.Add(new ShrunkNps(u, raw, raw, mu, 1));
                continue;
            }
            double ng = g.Sum(x => x.N);
            var w = tau2 / (tau2 + sigma2 / u.N);
            var varMu = tau2 * g.Sum(x => (double)x.N * x.N) / (ng * ng) + sigma2 / ng;
            var value = mu + w * (u.Mean - mu);
            var half = Normal.Z95 * Math.Sqrt(w * sigma2 / u.N + (1 - w) * (1 - w) * varMu);
            result.Add(new ShrunkNps(u, raw, new Estimate(value, Math.Max(-100, value - half), Math.Min(100, value + half), u.N), mu, w));
        }
        return new ShrinkageResult(sigma2, tau2, result);
    }
}
