using Analytics.Classification;
using Analytics.Data;
using Analytics.Statistics;
using Analytics.Time;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Models;

/// <summary>A model's health: review samples, corrections beside them, and the weekly unknown share.</summary>
/// <param name="Corrections">How often the model agreed with the reasons analysts corrected contacts to: a biased
/// sample (people correct what they happen to look at, mostly where the model or the agent was wrong).</param>
/// <param name="AlertingSince">Since when the daily watch has found the model in alert over the default
/// <see cref="ReviewSamples.DefaultWeeks"/> (null: no alert at its last check, or never checked).</param>
public sealed record HealthReport(int ModelId, string Kind, int Version, bool Active, double ValidationAccuracy,
    double ValidationUnknownRate, IReadOnlyList<double>? ValidationConfidenceQuartiles,
    IReadOnlyList<double>? ValidationConfidenceDeciles, IReadOnlyList<ReviewEstimate> ReviewSamples,
    Estimate Corrections, IReadOnlyList<WeekHealth> Weeks, IReadOnlyList<string> Alerts, DateTime? AlertingSince);

/// <summary>
/// Monthly review samples: <see cref="DrawAsync"/> picks N contacts of a month at random, the same ones every time
/// (ordered by a hash of seed, kind, month and id), and stores them; analysts label them; <see cref="HealthAsync"/>
/// turns the labels into a live accuracy with its interval.
/// </summary>
public sealed class ReviewSamples(AnalyticsDbContext db)
{
    public const int DefaultSize = 50;

    /// <summary>Weeks the health report tests unless asked otherwise; the daily watch judges the same weeks.</summary>
    public const int DefaultWeeks = 12;

    /// <summary>Draws the month's sample unless one exists (a sample is drawn once; re-drawing returns it unchanged).</summary>
    public async Task<IReadOnlyList<ReviewItem>> DrawAsync(string kind, DateOnly month, int size = DefaultSize, int seed = 1,
        CancellationToken ct = default)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var period = new Period(first, first.AddMonths(1).AddDays(-1));
        var key = $"{seed}:{kind}:{first:yyyy-MM}:";
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO review_items (kind, month, contact_id, drawn_utc)
            SELECT {kind}, {first}, c.id, {DateTime.UtcNow}
            FROM contacts c
            WHERE c.started_utc >= {period.FromUtc} AND c.started_utc < {period.ToUtcExclusive}
              AND c.notes IS NOT NULL AND btrim(c.notes) <> ''
              AND EXISTS (SELECT 1 FROM predictions p WHERE p.contact_id = c.id AND p.kind = {kind})
              AND NOT EXISTS (SELECT 1 FROM review_items r WHERE r.kind = {kind} AND r.month = {first})
            ORDER BY md5({key} || c.id::text)
            LIMIT {size}
            ON CONFLICT DO NOTHING
            """, ct);
        return await db.ReviewItems.AsNoTracking().Where(r => r.Kind == kind && r.Month == first).OrderBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Stores an analyst's label; false when the contact is in no sample of this kind.</summary>
    public async Task<bool> LabelAsync(string kind, long contactId, string label, CancellationToken ct) =>
        await db.ReviewItems.Where(r => r.Kind == kind && r.ContactId == contactId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Label, label).SetProperty(r => r.LabelledUtc, DateTime.UtcNow), ct) > 0;

    public async Task<HealthReport?> HealthAsync(int modelId, int weeks, CancellationToken ct)
    {
        var record = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, ct);
        if (record is null) return null;
        var card = ModelRegistry.Metrics(record).Card;
        var v = card.Validation;
        var yardstick = new ValidationYardstick(v.AcceptedAccuracy, (int)Math.Round(v.N * (1 - v.UnknownRate)), v.UnknownRate,
            v.N, card.ValidationConfidenceDeciles);
        var items = await (from r in db.ReviewItems.AsNoTracking()
                           where r.Kind == record.Kind
                           join p in db.Predictions.AsNoTracking().Where(p => p.ModelId == modelId) on r.ContactId equals p.ContactId into scored
                           from p in scored.DefaultIfEmpty()
                           select new { r.Month, r.Label, Predicted = p == null ? null : p.Label }).ToListAsync(ct);
        var reviews = items.GroupBy(i => i.Month).OrderBy(g => g.Key).Select(g => ModelHealth.Review(g.Key, g.Count(),
            g.Where(i => i.Label != null && i.Predicted != null).Select(i => (i.Predicted!, i.Label!)).ToList(),
            yardstick, TextClassifier.UnknownLabel)).ToList();

        // The latest correction of each contact is what an analyst decided; earlier ones were overruled.
        var corrected = (await (from c in db.ReasonCorrections.AsNoTracking()
                                join p in db.Predictions.AsNoTracking() on c.ContactId equals p.ContactId
                                where p.ModelId == modelId && p.Kind == ModelKinds.Reasons && p.Label != TextClassifier.UnknownLabel
                                select new { c.Id, c.ContactId, c.ReasonCode, p.Label }).ToListAsync(ct))
            .GroupBy(x => x.ContactId).Select(g => g.MaxBy(x => x.Id)!).ToList();
        var counts = await WeekCountsAsync(modelId, weeks, card.ValidationConfidenceDeciles?.Edges ?? [], ct);
        var weekly = ModelHealth.Weeks(counts, yardstick);

        var alerts = HealthFindings.Of(reviews, weekly, v.AcceptedAccuracy, v.UnknownRate).Where(f => f.Alert)
            .Select(f => f.Text).ToList();
        var since = await db.Set<ModelHealthState>().AsNoTracking().Where(h => h.ModelId == modelId)
            .Select(h => h.AlertingSinceUtc).FirstOrDefaultAsync(ct);
        return new HealthReport(record.Id, record.Kind, record.Version, record.Active, card.Validation.AcceptedAccuracy,
            card.Validation.UnknownRate, card.ValidationConfidenceQuartiles, card.ValidationConfidenceDeciles?.Edges.Select(e => Math.Round(e, 3)).ToList(), reviews,
            SurveyStatistics.Proportion(corrected.Count(x => x.Label == x.ReasonCode), corrected.Count), weekly, alerts,
            since);
    }

    private async Task<List<WeekCounts>> WeekCountsAsync(int modelId, int weeks, IReadOnlyList<double> edges, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            // Per week, how many confidences lie strictly below each validation decile (one column each; the indexes
            // are the only thing written into the text, the edges are a parameter).
            var below = string.Concat(edges.Select((_, j) => $", count(*) FILTER (WHERE p.confidence < (@edges)[{j + 1}])::int"));
            command.CommandText = $"""
                SELECT * FROM (
                  SELECT date_trunc('week', c.started_utc AT TIME ZONE 'Europe/Amsterdam')::date, count(*)::int,
                         count(*) FILTER (WHERE p.label = '{TextClassifier.UnknownLabel}')::int,
                         percentile_cont(0.25) WITHIN GROUP (ORDER BY p.confidence),
                         percentile_cont(0.5) WITHIN GROUP (ORDER BY p.confidence),
                         percentile_cont(0.75) WITHIN GROUP (ORDER BY p.confidence){below}
                  FROM predictions p JOIN contacts c ON c.id = p.contact_id
                  WHERE p.model_id = @model
                  GROUP BY 1 ORDER BY 1 DESC LIMIT @weeks) w
                ORDER BY 1
                """;
            command.Parameters.Add(new Npgsql.NpgsqlParameter("model", modelId));
            command.Parameters.Add(new Npgsql.NpgsqlParameter("weeks", weeks));
            command.Parameters.Add(new Npgsql.NpgsqlParameter("edges", edges.ToArray()));
            var rows = new List<WeekCounts>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add(new WeekCounts(reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetInt32(2),
                    reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5),
                    edges.Count == 0 ? null : edges.Select((_, j) => reader.GetInt32(6 + j)).ToList()));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
