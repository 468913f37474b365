using Analytics.Api.Access;
using Analytics.Insights.Repeats;
using Analytics.Insights.Targets;
using Analytics.Metrics;
using Analytics.Statistics;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Analytics.Api.Metrics;

/// <summary>
/// What roles without agent-level access may be told, in one place for every route that returns group figures:
/// a minimum grain (whole weeks or whole months, no single days) and counts perturbed by the cell-key method, so a
/// suppressed group cannot be had as total − visible groups or as the difference of two overlapping periods.
/// Groups below the k-thresholds are still suppressed by the caller. See docs/security.md, "Suppression".
/// </summary>
internal sealed class Publication(NpgsqlDataSource db)
{
    private CellKey? _key;

    public async ValueTask<CellKey> KeyAsync(CancellationToken ct)
    {
        if (_key is { } key) return key;
        await using var cmd = db.CreateCommand("SELECT value FROM privacy_secrets WHERE name = 'cell-key'");
        var secret = await cmd.ExecuteScalarAsync(ct) as byte[]
                     ?? throw new InvalidOperationException("privacy_secrets has no cell key: run ./analytics migrate");
        return _key = new CellKey(secret);
    }

    /// <summary>
    /// Whole ISO weeks (Monday to Sunday) or whole calendar months, and no figures per day. Per week needs a period of
    /// whole weeks and per month one of whole months, so no bucket at the edge is a part (a single day) of one.
    /// </summary>
    public static void RequireGrain(Period? period, string interval, string groupBy, IDictionary<string, string[]> errors)
    {
        if (groupBy == "day") errors["groupBy"] = ["this role sees weeks or months, not single days"];
        if (interval == "day") errors["interval"] = ["this role sees weeks or months, not single days"];
        if (period is not { } p) return;
        var (weeks, months) = (WholeWeeks(p), WholeMonths(p));
        if (!weeks && !months)
            errors["from"] = ["this role sees whole weeks (Monday to Sunday) or whole months: a smaller or ragged period " +
                              "could single out a day's contacts"];
        else if (interval == "week" && !weeks)
            errors["interval"] = ["per week, this role asks for whole weeks (Monday to Sunday): the first or last week " +
                                  "of a month is only part of one"];
        else if (interval == "month" && !months)
            errors["interval"] = ["per month, this role asks for whole months"];
    }

    public static bool WholeWeeks(Period p) => p.From.DayOfWeek == DayOfWeek.Monday && p.To.DayOfWeek == DayOfWeek.Sunday;

    private static bool WholeMonths(Period p) => p.From.Day == 1 && p.To.AddDays(1).Day == 1;

    /// <summary>The period before a published one, of the same grain: the previous months of a month, else the same days.</summary>
    public static Period Previous(Period p)
    {
        if (!WholeMonths(p) || WholeWeeks(p)) return p.Previous();
        var months = (p.To.Year - p.From.Year) * 12 + p.To.Month - p.From.Month + 1;
        return new Period(p.From.AddMonths(-months), p.From.AddDays(-1));
    }

    /// <summary>
    /// Whether a team filter would point at few people: the team's agents with contacts in the period number fewer than
    /// the threshold (a team without contacts there has nothing to tell). Null team: no.
    /// </summary>
    public async Task<bool> SmallTeamAsync(string? team, Period period, int minimumAgents, CancellationToken ct)
    {
        if (team is null) return false;
        await using var cmd = db.CreateCommand("""
            SELECT count(DISTINCT c.agent_id) FROM contacts c JOIN agents a ON a.id = c.agent_id JOIN teams t ON t.id = a.team_id
            WHERE t.code = @team AND c.started_utc >= @from AND c.started_utc < @to
            """);
        cmd.Parameters.AddWithValue("team", team);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        var agents = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return agents > 0 && agents < minimumAgents;
    }

    /// <summary>A team too small to hide in, for a role without agent access: refused (and audited) like contact search.</summary>
    public static async Task<ProblemHttpResult> RefuseSmallTeamAsync(AuditLog audit, HttpContext http, string team,
        PrivacyOptions privacy, CancellationToken ct)
    {
        await audit.RecordAsync(http, 403, ct);
        return TypedResults.Problem(statusCode: 403, title: "Not allowed for this role",
            detail: $"team {team} has fewer than {privacy.MinimumAgents} agents in this period: its figures would point at one person.");
    }

    /// <summary>
    /// A cell is named by what it counts, not by how it was asked: groupBy=team's T1 and team=T1 are the same cell
    /// and get the same noise, and so are March asked as from/to and March as a bucket of interval=month over half a
    /// year, so asking several ways gives nothing to average.
    /// </summary>
    public static string Cell(string metric, Period period, ContactFilter filter, string groupBy, string group, string? bucket)
    {
        var dims = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add(string dim, string? value) { if (value is not null) dims[dim] = value; }
        Add("team", filter.Team);
        Add("agent", filter.Agent);
        Add("queue", filter.Queue);
        Add("channel", filter.Channel);
        Add("reason", filter.Reason);
        Add("language", filter.Language);
        if (groupBy != "none") dims[groupBy] = group;
        var span = bucket is null ? period : BucketPeriod(bucket);
        return $"{metric}|{span.From:yyyy-MM-dd}..{span.To:yyyy-MM-dd}|" + string.Join(";", dims.Select(d => d.Key + "=" + d.Value));
    }

    /// <summary>The days of a bucket: a month (yyyy-MM) or a week (its Monday); days are never published (RequireGrain).</summary>
    private static Period BucketPeriod(string bucket)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (bucket.Length == 7)
        {
            var first = DateOnly.ParseExact(bucket + "-01", "yyyy-MM-dd", culture);
            return new Period(first, first.AddMonths(1).AddDays(-1));
        }
        var monday = DateOnly.ParseExact(bucket, "yyyy-MM-dd", culture);
        return new Period(monday, monday.AddDays(6));
    }

    /// <summary>What FCR's repeat-dependent counts are named by: the repeat options and asOf change them.</summary>
    public static string FcrMetric(RepeatOptions options, DateOnly? asOf) =>
        $"fcr:{System.Text.Json.JsonSerializer.Serialize(options)}:{asOf}";

    public static SurveyFigure Perturb(SurveyFigure f, CellKey key, string cell, string type)
    {
        if (type != "nps") return f with { N = key.Perturb(f.N, cell, "n") };
        var (p, pa, d) = (key.Perturb(f.Promoters, cell, "promoters"), key.Perturb(f.Passives, cell, "passives"),
            key.Perturb(f.Detractors, cell, "detractors"));
        return f with { Promoters = p, Passives = pa, Detractors = d, N = p + pa + d, Score = SurveyStatistics.Nps(p, pa, d) };
    }

    public static ContactKpis Perturb(ContactKpis k, CellKey key, string cell) => k with
    {
        Contacts = key.Perturb(k.Contacts, cell, "contacts"),
        Served = key.Perturb(k.Served, cell, "served"),
        Abandoned = key.Perturb(k.Abandoned, cell, "abandoned"),
    };

    /// <summary>
    /// <paramref name="contactsCell"/> names the contacts, which no repeat option or asOf changes (one cell however
    /// asked); <paramref name="cell"/> the counts that depend on them.
    /// </summary>
    public static FcrFigure Perturb(FcrFigure f, CellKey key, string cell, string contactsCell) => f with
    {
        Contacts = key.Perturb(f.Contacts, contactsCell, "contacts"),
        Pending = key.Perturb(f.Pending, cell, "pending"),
        Decided = key.Perturb(f.Decided, cell, "decided"),
        Resolved = key.Perturb(f.Resolved, cell, "resolved"),
        Repeated = key.Perturb(f.Repeated, cell, "repeated"),
    };

    /// <summary>
    /// A Pareto as published: every reason's contacts, the previous period's, the uncoded and the total perturbed as the
    /// same cells /metrics/contacts publishes (groupBy=reason, or none for the total); shares of the published counts.
    /// </summary>
    public static ReasonVolumes Perturb(ReasonVolumes v, Period previous, CellKey key, ContactFilter filter)
    {
        int Count(int n, Period period, string? reason) =>
            key.Perturb(n, Cell("contacts", period, filter, reason is null ? "none" : "reason", reason ?? "", null), "contacts");
        var total = Count(v.TotalContacts, v.Period, null);
        double Share(int n) => total == 0 ? 0 : 100.0 * n / total;
        var reasons = v.Reasons.Select(r =>
            {
                var n = Count(r.Contacts, v.Period, r.Code);
                return r with { Contacts = n, PreviousContacts = Count(r.PreviousContacts, previous, r.Code), SharePercent = Share(n) };
            })
            .OrderByDescending(r => r.Contacts).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return v with { TotalContacts = total, Uncoded = Count(v.Uncoded, v.Period, Uncoded), Reasons = reasons };
    }

    /// <summary>
    /// A reason trend as published: each bucket's counts perturbed (cells as above), a reason handled by fewer agents
    /// suppressed, shares of the bucket's published total.
    /// </summary>
    public static List<ReasonTrendPoint> Perturb(IReadOnlyList<ReasonTrendPoint> points, CellKey key, ContactFilter filter,
        int minimumAgents)
    {
        var published = points.Select(x => x with
        {
            Contacts = key.Perturb(x.Contacts ?? 0, Cell("contacts", default, filter, "reason", x.Code ?? Uncoded, x.Period), "contacts"),
        }).ToList();
        var totals = published.GroupBy(x => x.Period).ToDictionary(g => g.Key, g => g.Sum(x => x.Contacts ?? 0));
        return published.Select(x => x.Agents < minimumAgents
                ? x with { Contacts = null, SharePercent = null, Suppressed = true }
                : x with { SharePercent = totals[x.Period] == 0 ? 0 : 100.0 * x.Contacts!.Value / totals[x.Period] })
            .OrderBy(x => x.Period, StringComparer.Ordinal).ThenBy(x => x.Suppressed).ThenByDescending(x => x.Contacts).ToList();
    }

    // The group /metrics/contacts?groupBy=reason gives contacts without a reason.
    private const string Uncoded = "";
}
