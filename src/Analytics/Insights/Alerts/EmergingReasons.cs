using Analytics.Insights.Calendar;
using Analytics.Insights.Rollups;
using Analytics.Statistics;
using Analytics.Time;
using Npgsql;

namespace Analytics.Insights.Alerts;

/// <summary>
/// Emerging-reason detection. Per reason: the mean count per working day over the baseline window before the monitored
/// period is λ₀ (at least <see cref="MinimumBaseline"/>); the CUSUM looks for a rise to λ₀·<see cref="RiseFactor"/> and its
/// threshold gives an in-control run length of <see cref="TargetRunLength"/> working days per reason. Only working days are
/// counted: weekend volumes are a different process and would either hide rises or raise false alarms every Monday.
/// </summary>
public sealed class EmergingReasons(NpgsqlDataSource db, DutchCalendar calendar, TimeProvider clock)
{
    public int BaselineWorkingDays { get; init; } = 40;
    public double RiseFactor { get; init; } = 1.5;
    public double TargetRunLength { get; init; } = 1000;
    public double MinimumBaseline { get; init; } = 0.5;
    /// <summary>Read the daily counts from the insight rollups when they are fresh (the default); they are the same counts.</summary>
    public bool UseRollup { get; init; } = true;

    private const string RollupSql = """
        SELECT d.reason_id, r.code, d.day, d.contacts
        FROM reason_daily d JOIN contact_reasons r ON r.id = d.reason_id
        WHERE d.day >= @fromDay AND d.day <= @toDay
        """;

    /// <summary>Runs detection over the period, stores new alarms (idempotently) and returns every alarm found.</summary>
    public async Task<IReadOnlyList<ReasonAlert>> DetectAsync(Period period, CancellationToken ct = default)
    {
        var monitored = WorkingDays(period.From, period.To);
        var baseline = new List<DateOnly>();
        for (var d = period.From.AddDays(-1); baseline.Count < BaselineWorkingDays; d = d.AddDays(-1))
            if (calendar.IsWorkingDay(d)) baseline.Insert(0, d);

        var fromRollup = UseRollup && await AggregateFreshness.IsFreshAsync(db, InsightRollups.Name, ct);
        var sql = fromRollup ? RollupSql : """
            SELECT c.reason_id, r.code, (c.started_utc AT TIME ZONE 'Europe/Amsterdam')::date, count(*)::int
            FROM contacts c JOIN contact_reasons r ON r.id = c.reason_id
            WHERE c.started_utc >= @from AND c.started_utc < @to AND c.outcome IS DISTINCT FROM 'phantom'
            GROUP BY 1, 2, 3
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("from", Amsterdam.StartOfDayUtc(baseline[0]));
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        cmd.Parameters.AddWithValue("fromDay", baseline[0]);
        cmd.Parameters.AddWithValue("toDay", period.To);
        var counts = new Dictionary<(int Id, string Code), Dictionary<DateOnly, int>>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var key = (r.GetInt32(0), r.GetString(1));
                if (!counts.TryGetValue(key, out var days)) counts[key] = days = [];
                days[DateOnly.FromDateTime(r.GetDateTime(2))] = r.GetInt32(3);
            }

        var alerts = new List<ReasonAlert>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var ((id, code), days) in counts.OrderBy(kv => kv.Key.Code, StringComparer.Ordinal))
        {
            var lambda0 = Math.Max(MinimumBaseline, baseline.Average(d => days.GetValueOrDefault(d)));
            var k = PoissonCusum.ReferenceValue(lambda0, lambda0 * RiseFactor);
            var h = PoissonCusum.Threshold(lambda0, k, TargetRunLength);
            var series = monitored.Select(d => days.GetValueOrDefault(d)).ToList();
            var path = PoissonCusum.Run(series, k, h);
            var runStart = 0;
            for (var i = 0; i < path.Count; i++)
            {
                if (path[i].S == 0) { runStart = i + 1; continue; }
                if (!path[i].Alarm) continue;
                alerts.Add(new ReasonAlert
                {
                    ReasonId = id, ReasonCode = code, DetectedOn = monitored[i], BaselineMean = lambda0, Count = series[i],
                    RecentMean = series.Skip(runStart).Take(i - runStart + 1).Average(), Cusum = path[i].S, Threshold = h,
                    TargetRunLength = TargetRunLength, CreatedUtc = now,
                });
                runStart = i + 1;
            }
        }
        await StoreAsync(alerts, ct);
        return alerts;
    }

    private async Task StoreAsync(IReadOnlyList<ReasonAlert> alerts, CancellationToken ct)
    {
        if (alerts.Count == 0) return;
        const string sql = """
            INSERT INTO reason_alerts (reason_id, reason_code, detected_on, baseline_mean, count, recent_mean, cusum, threshold, target_run_length, created_utc)
            SELECT * FROM unnest(@reason::int[], @code::text[], @day::date[], @base::float8[], @count::int[], @recent::float8[],
                                 @cusum::float8[], @h::float8[], @arl::float8[], @created::timestamptz[])
            ON CONFLICT (reason_id, detected_on) DO NOTHING
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("reason", alerts.Select(a => a.ReasonId).ToArray());
        cmd.Parameters.AddWithValue("code", alerts.Select(a => a.ReasonCode).ToArray());
        cmd.Parameters.AddWithValue("day", alerts.Select(a => a.DetectedOn).ToArray());
        cmd.Parameters.AddWithValue("base", alerts.Select(a => a.BaselineMean).ToArray());
        cmd.Parameters.AddWithValue("count", alerts.Select(a => a.Count).ToArray());
        cmd.Parameters.AddWithValue("recent", alerts.Select(a => a.RecentMean).ToArray());
        cmd.Parameters.AddWithValue("cusum", alerts.Select(a => a.Cusum).ToArray());
        cmd.Parameters.AddWithValue("h", alerts.Select(a => a.Threshold).ToArray());
        cmd.Parameters.AddWithValue("arl", alerts.Select(a => a.TargetRunLength).ToArray());
        cmd.Parameters.AddWithValue("created", alerts.Select(a => a.CreatedUtc).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Stored alerts detected within the period, newest first.</summary>
    public async Task<IReadOnlyList<ReasonAlert>> ListAsync(Period period, CancellationToken ct = default)
    {
        const string sql = """
            SELECT id, reason_id, reason_code, detected_on, baseline_mean, count, recent_mean, cusum, threshold, target_run_length, created_utc
            FROM reason_alerts WHERE detected_on BETWEEN @from AND @to ORDER BY detected_on DESC, reason_code
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("from", period.From);
        cmd.Parameters.AddWithValue("to", period.To);
        var list = new List<ReasonAlert>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new ReasonAlert
            {
                Id = r.GetInt64(0), ReasonId = r.GetInt32(1), ReasonCode = r.GetString(2), DetectedOn = r.GetFieldValue<DateOnly>(3),
                BaselineMean = r.GetDouble(4), Count = r.GetInt32(5), RecentMean = r.GetDouble(6), Cusum = r.GetDouble(7),
                Threshold = r.GetDouble(8), TargetRunLength = r.GetDouble(9), CreatedUtc = r.GetDateTime(10),
            });
        return list;
    }

    private List<DateOnly> WorkingDays(DateOnly from, DateOnly to)
    {
        var list = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1)) if (calendar.IsWorkingDay(d)) list.Add(d);
        return list;
    }
}
