using Analytics.Data;
using Analytics.Statistics;
using Analytics.Time;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Evaluations;

/// <summary>How often people agreed with one auto-QA check: the honest measure of auto-QA in this centre.</summary>
public sealed record CheckAgreement(string Check, int N, double ShareAgreeing, double? Kappa);

/// <summary>Agreement on one item among the evaluators who scored the same contacts.</summary>
public sealed record ItemAgreement(string Item, string Kind, int Raters, int Units, int Values, double? Alpha);

/// <summary>An evaluator's mean score minus the mean of everyone's score on the same contacts (percentage points).</summary>
public sealed record EvaluatorBias(string Evaluator, int Contacts, double Bias);

public sealed record CalibrationResult(string? Session, int Evaluations, IReadOnlyList<ItemAgreement> Items,
    IReadOnlyList<EvaluatorBias> Evaluators);

/// <summary>Figures over confirmed evaluations of contacts started in a period.</summary>
public static class EvaluationFigures
{
    // Member-init, not positional: EF composes further queries over its members only then.
    private sealed class Scored
    {
        public long Evaluation { get; init; }
        public long Contact { get; init; }
        public int Form { get; init; }
        public required string Evaluator { get; init; }
        public string? Calibration { get; init; }
        public double? Score { get; init; }
    }

    private static IQueryable<Scored> Confirmed(AnalyticsDbContext db, Period p) =>
        from e in db.Set<Evaluation>()
        join c in db.Contacts on e.ContactId equals c.Id
        where e.Status == EvaluationStatus.Confirmed && c.StartedUtc >= p.FromUtc && c.StartedUtc < p.ToUtcExclusive
        select new Scored
        {
            Evaluation = e.Id, Contact = e.ContactId, Form = e.FormId, Evaluator = e.Evaluator, Calibration = e.Calibration,
            Score = e.ScorePercent,
        };

    private static async Task<Dictionary<int, Dictionary<string, FormItem>>> ItemsAsync(AnalyticsDbContext db, CancellationToken ct) =>
        (await db.Set<EvaluationForm>().AsNoTracking().ToListAsync(ct))
        .ToDictionary(f => f.Id, f => f.Items().ToDictionary(i => i.Code, StringComparer.Ordinal));

    /// <summary>Per check: answers where auto-QA and the evaluator both gave a value, the share agreeing and Cohen's kappa.</summary>
    public static async Task<IReadOnlyList<CheckAgreement>> AutoQaAgreementAsync(AnalyticsDbContext db, Period p, CancellationToken ct)
    {
        var rows = await (from e in Confirmed(db, p)
                          join a in db.Set<EvaluationAnswer>() on e.Evaluation equals a.EvaluationId
                          where a.AutoValue != null && a.Value != null
                          select new { e.Form, a.ItemCode, a.AutoValue, a.Value }).ToListAsync(ct);
        var items = await ItemsAsync(db, ct);
        return rows
            .Select(r => (Check: items.GetValueOrDefault(r.Form)?.GetValueOrDefault(r.ItemCode)?.Check, Pair: (r.AutoValue!, r.Value!)))
            .Where(r => r.Check is not null)
            .GroupBy(r => r.Check!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var pairs = g.Select(x => x.Pair).ToList();
                return new CheckAgreement(g.Key, pairs.Count, 100.0 * pairs.Count(x => x.Item1 == x.Item2) / pairs.Count,
                    Agreement.CohensKappa(pairs));
            }).ToList();
    }

    /// <summary>
    /// Over the contacts scored by two or more evaluators (of one calibration session when given): Krippendorff's alpha
    /// per item (nominal for yes-no, interval for scales; na counts as no value) and each evaluator's bias.
    /// </summary>
    public static async Task<CalibrationResult> CalibrationAsync(AnalyticsDbContext db, Period p, string? session, CancellationToken ct)
    {
        var scored = await Confirmed(db, p).Where(e => session == null || e.Calibration == session).ToListAsync(ct);
        var shared = scored.GroupBy(e => e.Contact).Where(g => g.Select(e => e.Evaluator).Distinct().Count() >= 2)
            .SelectMany(g => g).ToList();
        var ids = shared.Select(e => e.Evaluation).ToArray();
        var answers = await db.Set<EvaluationAnswer>().AsNoTracking()
            .Where(a => ids.Contains(a.EvaluationId) && a.Value != null && a.Value != Answers.NotApplicable).ToListAsync(ct);
        var forms = await ItemsAsync(db, ct);
        var byEvaluation = shared.ToDictionary(e => e.Evaluation);
        var items = answers
            .Select(a => (Answer: a, Item: forms.GetValueOrDefault(byEvaluation[a.EvaluationId].Form)?.GetValueOrDefault(a.ItemCode)))
            .Where(x => x.Item is not null)
            .GroupBy(x => x.Answer.ItemCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var kind = g.First().Item!.Kind;
                var units = g.GroupBy(x => byEvaluation[x.Answer.EvaluationId].Contact)
                    .Select(u => (IReadOnlyList<double>)u.Select(x => Numeric(x.Answer.Value!)).ToList()).ToList();
                return new ItemAgreement(g.Key, kind, g.Select(x => byEvaluation[x.Answer.EvaluationId].Evaluator).Distinct().Count(),
                    units.Count(u => u.Count >= 2), units.Where(u => u.Count >= 2).Sum(u => u.Count),
                    Agreement.KrippendorffAlpha(units, interval: kind == ItemKinds.Scale));
            }).ToList();
        var contactMean = shared.Where(e => e.Score is not null).GroupBy(e => e.Contact)
            .ToDictionary(g => g.Key, g => g.Average(e => e.Score!.Value));
        var bias = shared.Where(e => e.Score is not null).GroupBy(e => e.Evaluator, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EvaluatorBias(g.Key, g.Count(), g.Average(e => e.Score!.Value - contactMean[e.Contact]))).ToList();
        return new CalibrationResult(session, shared.Count, items, bias);
    }

    private static double Numeric(string value) => value switch
    {
        Answers.Yes => 1,
        Answers.No => 0,
        _ => double.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
