using Analytics.Statistics;

namespace Analytics.Coaching;

/// <summary>
/// One measurement around a session: a response's score or a contact's check (0 or 100), of the coached agent or of a
/// comparison agent, with the case mix of its contact. Week is whole weeks from the session (−1 the week before, 0 the
/// week after); the session's own day is neither.
/// </summary>
public sealed record Observation(bool Coached, int Week, double Value, string Reason, string Channel, int WaitSeconds,
    int Transfers, int PriorContacts)
{
    public bool After => Week >= 0;
}

public static class EffectStatus
{
    public const string Estimated = "estimated";
    /// <summary>Fewer than the minimum observations of the coached agent before or after the session.</summary>
    public const string TooEarly = "too-early-to-tell";
}

/// <summary>
/// The effect on one outcome (nps: points −100..100 per response; ces: 1–7; check:NAME: percentage points), with its
/// 95% interval; null figures when it is too early to tell. MeanBefore/MeanAfter are the coached agent's raw means.
/// </summary>
public sealed record OutcomeEffect(string Outcome, string Status, int CoachedBefore, int CoachedAfter, int Comparison,
    double? MeanBefore, double? MeanAfter, double? Effect, double? Low, double? High);

/// <summary>
/// Difference-in-differences adjusted for case mix: value ~ coached + coached×after + week + reason + channel + waiting
/// time + transfers + prior contacts, fitted by least squares with robust errors. The week dummies are the
/// comparison agents' trend in the same weeks (a new reason, a holiday, a rate letter); the coached×after coefficient
/// is the change of the coached agent beyond that trend and beyond what their contacts' mix explains.
/// </summary>
public static class DifferenceInDifferences
{
    /// <summary>Reasons with fewer rows than this are pooled into one level: a rare reason costs no column.</summary>
    public const int RareReason = 10;
    private const double WaitCapSeconds = 1800;
    private const int CountCap = 3;

    public static OutcomeEffect Estimate(string outcome, IReadOnlyList<Observation> rows, int minimum)
    {
        var mine = rows.Where(r => r.Coached).ToList();
        var before = mine.Where(r => !r.After).Select(r => r.Value).ToList();
        var after = mine.Where(r => r.After).Select(r => r.Value).ToList();
        var comparison = rows.Count - mine.Count;
        double? Mean(List<double> v) => v.Count == 0 ? null : v.Average();
        var tooEarly = new OutcomeEffect(outcome, EffectStatus.TooEarly, before.Count, after.Count, comparison,
            Mean(before), Mean(after), null, null, null);
        if (before.Count < minimum || after.Count < minimum || comparison < minimum) return tooEarly;

        var design = Design.For(rows);
        var fit = LinearRegression.Fit(rows.Select(design.Row).ToList(), rows.Select(r => r.Value).ToList());
        var (low, high) = fit.Interval95(Design.Effect);
        return tooEarly with
        {
            Status = EffectStatus.Estimated, Effect = fit.Beta[Design.Effect], Low = low, High = high,
        };
    }

    /// <summary>The columns: coached, coached×after, the dummies (most common level left out), the numeric case mix.</summary>
    private sealed class Design
    {
        /// <summary>Index of coached×after in the coefficients (intercept 0, coached 1).</summary>
        public const int Effect = 2;

        private readonly Dictionary<int, int> _weeks = new();
        private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _channels = new(StringComparer.Ordinal);
        private readonly HashSet<string> _rare = new(StringComparer.Ordinal);
        private int _width;

        public static Design For(IReadOnlyList<Observation> rows)
        {
            var d = new Design { _width = 2 };
            foreach (var g in rows.GroupBy(r => r.Reason).Where(g => g.Count() < RareReason)) d._rare.Add(g.Key);
            // The most common level is the reference: the others are contrasts against plenty of rows.
            foreach (var w in rows.GroupBy(r => r.Week).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Skip(1))
                d._weeks[w.Key] = d._width++;
            foreach (var r in Levels(rows.GroupBy(d.ReasonLevel))) d._reasons[r] = d._width++;
            foreach (var c in Levels(rows.GroupBy(r => r.Channel))) d._channels[c] = d._width++;
            d._width += 3;
            return d;
        }

        private static IEnumerable<string> Levels(IEnumerable<IGrouping<string, Observation>> groups) =>
            groups.OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Skip(1).Select(g => g.Key);

        private string ReasonLevel(Observation o) => _rare.Contains(o.Reason) ? "(rare)" : o.Reason;

        public double[] Row(Observation o)
        {
            var x = new double[_width];
            if (o.Coached) x[0] = 1;
            if (o.Coached && o.After) x[1] = 1;
            if (_weeks.TryGetValue(o.Week, out var w)) x[w] = 1;
            if (_reasons.TryGetValue(ReasonLevel(o), out var r)) x[r] = 1;
            if (_channels.TryGetValue(o.Channel, out var c)) x[c] = 1;
            // Waiting in minutes for phone and chat; an e-mail's hours of waiting are its channel's level.
            x[_width - 3] = o.Channel == Contacts.Channels.Email ? 0 : Math.Min(o.WaitSeconds, WaitCapSeconds) / 60.0;
            x[_width - 2] = Math.Min(o.Transfers, CountCap);
            x[_width - 1] = Math.Min(o.PriorContacts, CountCap);
            return x;
        }
    }
}
