using Analytics.Statistics;

namespace Analytics.Insights.Agents;

/// <summary>
/// Where an agent stands against their own team, as far as the responses can tell (docs/decisions/016-agent-tiers.md).
/// </summary>
public enum AgentTier
{
    /// <summary>The shrunk NPS's 95% interval lies entirely above the team's NPS.</summary>
    Above,
    /// <summary>The interval contains the team's NPS: the responses cannot tell this agent from the team.</summary>
    InLine,
    /// <summary>The interval lies entirely below the team's NPS.</summary>
    Below,
}

public static class AgentTiers
{
    /// <summary>
    /// The tier of one agent. With ~60 responses an agent's interval is about ±20 points, so neighbouring ranks are
    /// noise; only an interval that clears the team's NPS says something a team lead can act on. The shrunk interval is
    /// used because it already carries both the agent's few responses and the team mean's own uncertainty. Below the
    /// minimum n there is no tier at all (null), as there is no rank.
    /// </summary>
    public static AgentTier? Of(Estimate shrunk, double teamNps, bool tooFewResponses)
    {
        if (tooFewResponses || double.IsNaN(shrunk.Low) || double.IsNaN(shrunk.High) || double.IsNaN(teamNps))
            return null;
        if (shrunk.Low > teamNps) return AgentTier.Above;
        if (shrunk.High < teamNps) return AgentTier.Below;
        return AgentTier.InLine;
    }
}
