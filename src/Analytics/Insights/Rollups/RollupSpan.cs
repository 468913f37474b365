using Analytics.Time;

namespace Analytics.Insights.Rollups;

/// <summary>
/// How a period is read from a rollup with day and month rows: the whole calendar months inside it from month rows
/// [<see cref="FullFrom"/>, <see cref="FullTo"/>), the days before and after from day rows. A month is then a handful of
/// rows per group, and any period at most two partial months of day rows.
/// </summary>
public readonly record struct RollupSpan(DateOnly From, DateOnly To, DateOnly FullFrom, DateOnly FullTo)
{
    /// <summary>The filter on a rollup aliased <paramref name="alias"/>; parameters @spanFrom, @spanTo, @fullFrom, @fullTo.</summary>
    public static string Where(string alias) => $"""
        (({alias}.month_total AND {alias}.day >= @fullFrom AND {alias}.day < @fullTo)
         OR (NOT {alias}.month_total AND {alias}.day >= @spanFrom AND {alias}.day <= @spanTo AND NOT ({alias}.day >= @fullFrom AND {alias}.day < @fullTo)))
        """;

    /// <summary>Day rows only when the answer is per day or week; otherwise whole months come from month rows.</summary>
    public static RollupSpan Of(Period period, bool daysOnly = false)
    {
        var first = period.From.Day == 1 ? period.From : new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(1);
        var afterLast = new DateOnly(period.To.Year, period.To.Month, 1);
        if (period.To.AddDays(1).Day == 1) afterLast = afterLast.AddMonths(1);
        return daysOnly || first >= afterLast
            ? new RollupSpan(period.From, period.To, period.From, period.From)
            : new RollupSpan(period.From, period.To, first, afterLast);
    }

    public void Bind(Npgsql.NpgsqlParameterCollection p)
    {
        p.AddWithValue("spanFrom", From);
        p.AddWithValue("spanTo", To);
        p.AddWithValue("fullFrom", FullFrom);
        p.AddWithValue("fullTo", FullTo);
    }
}
