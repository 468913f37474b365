using Analytics.Insights.Behaviour;
using Analytics.Statistics;
using Analytics.Surveys;
using Analytics.Time;
using Npgsql;

namespace Analytics.Insights.Drivers;

/// <summary>
/// One driver's effect on the odds of a bad score (NPS detractor 0–6, CES 1–3, CSAT 1–2), adjusted for all other drivers.
/// Unit says what one step of the feature is ("yes vs reference", "per minute", …). Exposed counts responses where the
/// feature is non-zero.
/// </summary>
public sealed record DriverEffect(string Feature, string Kind, string Unit, int Exposed, double Beta, double OddsRatio, double Low, double High, double P);

public sealed record DriverModel(int Responses, int BadScores, bool Converged, IReadOnlyList<DriverEffect> Effects);

/// <summary>Contact drivers over all linked responses; behaviour drivers over the responses whose contact has a transcript.</summary>
public sealed record DriverReport(Period Period, string SurveyType, string? ReferenceReason, DriverModel? Contacts, DriverModel? Behaviours);

public sealed class DriverAnalysis(NpgsqlDataSource db, BehaviourScorecard behaviour)
{
    public const int DefaultMinimumPerReason = 30;
    public const int DefaultLookbackDays = 30;

    /// <summary>Reasons with fewer responses are pooled into "(other reason)" so their coefficients are not noise.</summary>
    public int MinimumPerReason { get; init; } = DefaultMinimumPerReason;
    public int RepeatLookbackDays { get; init; } = DefaultLookbackDays;

    /// <summary>
    /// Serve a calendar month with the default settings from the fits stored at the last refresh when they are fresh
    /// (the default): the same rows went into the same fit, so the report is the one the rows give.
    /// </summary>
    public bool UseStored { get; init; } = true;

    internal sealed record Row(long ContactId, bool Bad, string? Reason, int PriorContacts, double WaitMinutes, double HandleMinutes, int Transfers);

    public async Task<DriverReport> AnalyseAsync(Period period, string type = SurveyTypes.Nps, CancellationToken ct = default)
    {
        var bad = BadScore(type);
        if (UseStored && MinimumPerReason == DefaultMinimumPerReason && RepeatLookbackDays == DefaultLookbackDays
            && await DriverFits.StoredAsync(db, period, type, ct) is { } stored)
            return stored;
        var sql = $"""
            WITH prior AS (
                SELECT c.id, count(*) OVER (PARTITION BY c.customer_id ORDER BY c.started_utc
                                            RANGE BETWEEN '{RepeatLookbackDays} days'::interval PRECEDING AND CURRENT ROW) - 1 AS prior
                FROM contacts c
                WHERE c.customer_id IS NOT NULL AND c.outcome IS DISTINCT FROM 'phantom'
                  AND c.started_utc >= @contactsFrom AND c.started_utc < @to
            )
            SELECT c.id, s.score <= @bad, r.code, coalesce(p.prior, 0)::int, c.wait_seconds, c.talk_seconds + c.hold_seconds + c.acw_seconds, c.transfers
            FROM survey_responses s
            JOIN contacts c ON c.id = s.contact_id
            LEFT JOIN contact_reasons r ON r.id = c.reason_id
            LEFT JOIN prior p ON p.id = c.id
            WHERE s.type = @type AND s.responded_utc >= @from AND s.responded_utc < @to
            ORDER BY c.id, s.id
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("type", type);
        cmd.Parameters.AddWithValue("bad", bad);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        // A response can follow its contact by weeks; the repeat count of that contact needs a lookback before it too.
        cmd.Parameters.AddWithValue("contactsFrom", period.FromUtc.AddDays(-60 - RepeatLookbackDays));
        var rows = new List<Row>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                rows.Add(new Row(r.GetInt64(0), r.GetBoolean(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3),
                    r.GetInt32(4) / 60.0, r.GetInt32(5) / 60.0, r.GetInt32(6)));

        var behaviours = await behaviour.ForSurveyedContactsAsync(new Period(period.From.AddDays(-60), period.To), ct);
        return Analyse(period, type, rows, behaviours, MinimumPerReason, RepeatLookbackDays);
    }

    /// <summary>The highest score that counts as bad: NPS detractor 0–6, CES 1–3, CSAT 1–2.</summary>
    public static int BadScore(string type) => type switch
    {
        SurveyTypes.Nps => 6, SurveyTypes.Ces => 3, SurveyTypes.Csat => 2,
        _ => throw new ArgumentException($"unknown survey type '{type}'", nameof(type)),
    };

    internal static DriverReport Analyse(Period period, string type, IReadOnlyList<Row> rows, IReadOnlyDictionary<long, BehaviourResult> behaviours,
        int minimumPerReason, int repeatLookbackDays)
    {
        if (rows.Count == 0) return new DriverReport(period, type, null, null, null);
        var reasonCounts = rows.Where(r => r.Reason is not null).GroupBy(r => r.Reason!).ToDictionary(g => g.Key, g => g.Count());
        var reference = reasonCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).FirstOrDefault();
        var levels = reasonCounts.Where(kv => kv.Value >= minimumPerReason && kv.Key != reference).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        const string other = "(other reason)";
        string Level(Row r) =>
            r.Reason is not null && (r.Reason == reference || levels.Contains(r.Reason)) ? r.Reason : other;

        // Feature names are DriverFeatures' keys; the units say the same in words for API readers.
        var features = new List<Feature>();
        foreach (var level in levels)
            features.Add(new(DriverFeatures.ReasonPrefix + level, "reason", $"vs {reference}",
                r => Level(r) == level ? 1 : 0));
        features.Add(new(DriverFeatures.OtherReason, "reason", $"vs {reference}", r => Level(r) == other ? 1 : 0));
        features.Add(new(DriverFeatures.EarlierContacts, "repeat",
            $"per earlier contact in {repeatLookbackDays} days (max 10)", r => Math.Min(10, r.PriorContacts)));
        features.Add(new(DriverFeatures.WaitTime, "operations", "per minute", r => r.WaitMinutes));
        features.Add(new(DriverFeatures.HandlingTime, "operations", "per minute", r => r.HandleMinutes));
        features.Add(new(DriverFeatures.Transfers, "operations", "per transfer", r => r.Transfers));
        var contactModel = Fit(rows, features);

        var withTranscript = rows.Where(r => behaviours.ContainsKey(r.ContactId)).ToList();
        DriverModel? behaviourModel = null;
        if (withTranscript.Count > 0)
        {
            BehaviourResult B(Row r) => behaviours[r.ContactId];
            var bf = new List<Feature>(features)
            {
                new(DriverFeatures.Interrupted, "behaviour", "yes vs no", r => B(r).Interruptions > 0 ? 1 : 0),
                new(DriverFeatures.OpenQuestion, "behaviour", "yes vs no", r => B(r).OpenQuestions > 0 ? 1 : 0),
                new(DriverFeatures.Summarised, "behaviour", "yes vs no", r => B(r).Summarised ? 1 : 0),
                new(DriverFeatures.IdentificationFirst, "behaviour", "yes vs no",
                    r => B(r).AcknowledgedBeforeId == false ? 1 : 0),
                new(DriverFeatures.LongSilence, "behaviour", "yes vs no", r => B(r).LongSilences > 0 ? 1 : 0),
                new(DriverFeatures.TalkListenRatio, "behaviour", "per 1.0",
                    r => Math.Min(5, B(r).TalkListenRatio ?? 1)),
            };
            behaviourModel = Fit(withTranscript, bf);
        }
        return new DriverReport(period, type, reference, contactModel, behaviourModel);
    }

    private sealed record Feature(string Name, string Kind, string Unit, Func<Row, double> Value);

    private static DriverModel Fit(IReadOnlyList<Row> rows, List<Feature> features)
    {
        // A feature with one value (no transfers at all, no interruptions) has no effect to estimate.
        var used = features.Where(f => rows.Select(f.Value).Distinct().Skip(1).Any()).ToList();
        var x = rows.Select(r => used.Select(f => f.Value(r)).ToArray()).ToList();
        var y = rows.Select(r => r.Bad).ToList();
        var fit = LogisticRegression.Fit(x, y, used.Select(f => f.Name).ToList());
        var effects = used.Select((f, i) =>
        {
            var c = fit.Coefficients[i + 1];
            return new DriverEffect(f.Name, f.Kind, f.Unit, x.Count(v => v[i] != 0), c.Beta, c.OddsRatio, c.OddsLow, c.OddsHigh, c.P);
        }).OrderByDescending(e => Math.Abs(e.Beta) / Math.Max(1e-9, Math.Log(e.High / e.Low))).ToList();
        return new DriverModel(fit.N, fit.Events, fit.Converged, effects);
    }
}
