using Npgsql;

namespace Analytics.Metrics;

/// <summary>
/// Which contacts a contact figure (KPIs, FCR) counts: the API's team, agent, queue, channel, reason and language; null
/// means any. Codes, not ids: team, agent and reason match the joined teams t, agents a and contact_reasons r.
/// </summary>
public sealed record ContactFilter(string? Team = null, string? Agent = null, string? Queue = null, string? Channel = null,
    string? Reason = null, string? Language = null)
{
    public static readonly ContactFilter None = new();

    /// <summary>
    /// " AND …" for each filter that is set, over a table aliased <paramref name="alias"/> with channel, queue and language
    /// columns (contacts or contact_daily). Only set filters reach the SQL, so the planner sees plain equalities.
    /// </summary>
    public string Sql(string alias)
    {
        var sql = new System.Text.StringBuilder();
        if (Team is not null) sql.Append(" AND t.code = @fTeam");
        if (Agent is not null) sql.Append(" AND a.code = @fAgent");
        if (Queue is not null) sql.Append($" AND {alias}.queue = @fQueue");
        if (Channel is not null) sql.Append($" AND {alias}.channel = @fChannel");
        if (Reason is not null) sql.Append(" AND r.code = @fReason");
        if (Language is not null) sql.Append($" AND {alias}.language = @fLanguage");
        return sql.ToString();
    }

    public void Bind(NpgsqlParameterCollection p)
    {
        if (Team is not null) p.AddWithValue("fTeam", Team);
        if (Agent is not null) p.AddWithValue("fAgent", Agent);
        if (Queue is not null) p.AddWithValue("fQueue", Queue);
        if (Channel is not null) p.AddWithValue("fChannel", Channel);
        if (Reason is not null) p.AddWithValue("fReason", Reason);
        if (Language is not null) p.AddWithValue("fLanguage", Language);
    }

    /// <summary>
    /// The contact dimensions the filters constrain, as handle-time histogram kinds: team and agent both narrow the agent
    /// (a team is a set of agents), language has no histogram.
    /// </summary>
    public IEnumerable<string> Dimensions()
    {
        if (Team is not null || Agent is not null) yield return "agent";
        if (Queue is not null) yield return "queue";
        if (Channel is not null) yield return "channel";
        if (Reason is not null) yield return "reason";
        if (Language is not null) yield return "language";
    }
}
