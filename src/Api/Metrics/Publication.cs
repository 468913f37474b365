using Analytics.Insights.Repeats;
using Analytics.Metrics;
using Analytics.Statistics;
using Analytics.Time;
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

    /// <summary>Whole ISO weeks (Monday to Sunday) or whole calendar months, and no figures per day.</summary>
    public static void RequireGrain(Period? period, string interval, string groupBy, IDictionary<string, string[]> errors)
    {
        if (groupBy == "day") errors["groupBy"] = ["this role sees weeks or months, not single days"];
        if (period is not { } p) return;
        var weeks = p.From.DayOfWeek == DayOfWeek.Monday && p.To.DayOfWeek == DayOfWeek.Sunday;
        var months = p.From.Day == 1 && p.To.AddDays(1).Day == 1;
        if (!weeks && !months)
            errors["from"] = ["this role sees whole weeks (Monday to Sunday) or whole months: a smaller or ragged period " +
                              "could single out a day's contacts"];
        if (interval == "day")
            errors["interval"] = ["this role sees weeks or months, not single days"];
    }

    /// <summary>
    /// A cell is named by what it counts, not by how it was asked: groupBy=team's T1 and team=T1 are the same cell
    /// and get the same noise, so asking both ways gives nothing to average.
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
        return $"{metric}|{period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd}|{bucket}|" +
               string.Join(";", dims.Select(d => d.Key + "=" + d.Value));
    }

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

    public static FcrFigure Perturb(FcrFigure f, CellKey key, string cell) => f with
    {
        Contacts = key.Perturb(f.Contacts, cell, "contacts"),
        Pending = key.Perturb(f.Pending, cell, "pending"),
        Decided = key.Perturb(f.Decided, cell, "decided"),
        Resolved = key.Perturb(f.Resolved, cell, "resolved"),
        Repeated = key.Perturb(f.Repeated, cell, "repeated"),
    };
}
