using Analytics.Time;

namespace Analytics.Ingest.Samples;

/// <summary>
/// Opening days (Mon–Sat 08:00–20:00 Amsterdam), how many contacts each day gets, and how busy each hour is.
/// The daily totals are fixed up front (cumulative rounding), so a run produces exactly the requested number of contacts.
/// </summary>
internal sealed class SampleCalendar
{
    public const int OpenHour = 8;
    public const int CloseHour = 20;

    // Indexed by DayOfWeek (Sunday = 0): Mondays are busiest, Saturdays half, Sundays closed.
    private static readonly double[] WeekdayWeight = [0, 1.25, 1.1, 1.0, 1.0, 0.95, 0.45];
    // 08:00 … 19:00: the morning peak, a dip at lunch, a smaller afternoon peak, quiet evenings.
    private static readonly double[] HourWeight = [0.9, 1.3, 1.35, 1.2, 1.0, 1.1, 1.15, 1.05, 0.9, 0.7, 0.55, 0.45];

    public IReadOnlyList<DateOnly> Days { get; }
    public int[] Targets { get; }
    /// <summary>A day's volume relative to the average opening day: drives waiting times.</summary>
    public double[] DayLoad { get; }
    public DateOnly End { get; }
    public DateOnly EmergingFrom { get; }
    private readonly long[] _offsetTicks;
    private readonly double[] _hourCumulative = Rng.Cumulative(HourWeight);
    private readonly double _meanHourWeight = HourWeight.Average();

    public SampleCalendar(DateOnly start, int months, int contacts)
    {
        End = start.AddMonths(months);
        EmergingFrom = ScoreModel.EmergingFrom(start, months);
        var days = new List<DateOnly>();
        for (var d = start; d < End; d = d.AddDays(1))
            if (WeekdayWeight[(int)d.DayOfWeek] > 0) days.Add(d);
        Days = days;
        var weights = days.Select(d => WeekdayWeight[(int)d.DayOfWeek] * MixVolume(d)).ToArray();
        var mean = weights.Length == 0 ? 1 : weights.Average();
        DayLoad = weights.Select(w => w / mean).ToArray();
        Targets = Split(contacts, weights);
        // Opening hours never touch a DST change (those fall on Sunday nights), so one offset per day is exact.
        _offsetTicks = days.Select(d => Amsterdam.Zone.GetUtcOffset(d.ToDateTime(new TimeOnly(12, 0))).Ticks).ToArray();
    }

    /// <summary>Relative weight of each reason among fresh contacts on a day: the planted volume effects live here.</summary>
    public double[] ReasonCumulative(DateOnly day) => Rng.Cumulative(SampleCatalog.Reasons.Select(r => r.Weight * Multiplier(r, day)));

    public double HourLoad(int hour) => HourWeight[hour - OpenHour] / _meanHourWeight;

    /// <summary>A start instant (UTC ticks) on opening day <paramref name="dayIndex"/>, following the intraday profile.</summary>
    public long SampleStartUtc(Random r, int dayIndex)
    {
        var hour = OpenHour + r.PickCumulative(_hourCumulative);
        var local = Days[dayIndex].ToDateTime(new TimeOnly(hour, 0)).AddSeconds(r.Next(3600));
        return local.Ticks - _offsetTicks[dayIndex];
    }

    public int LocalHour(long utcTicks, int dayIndex) =>
        new DateTime(utcTicks + _offsetTicks[dayIndex], DateTimeKind.Unspecified).Hour;

    public long DayEndUtc(int dayIndex) => Amsterdam.StartOfDayUtc(Days[dayIndex].AddDays(1)).Ticks;

    /// <summary>The opening day <paramref name="delayDays"/> calendar days later (Sunday moves to Monday), or -1 past the end.</summary>
    public int LaterDay(int dayIndex, int delayDays)
    {
        var target = Days[dayIndex].AddDays(delayDays);
        if (target.DayOfWeek == DayOfWeek.Sunday) target = target.AddDays(1);
        if (target >= End) return -1;
        var i = dayIndex + 1;
        while (i < Days.Count && Days[i] < target) i++;
        return i < Days.Count ? i : -1;
    }

    private double MixVolume(DateOnly day)
    {
        var baseTotal = SampleCatalog.Reasons.Sum(r => r.Weight);
        return SampleCatalog.Reasons.Sum(r => r.Weight * Multiplier(r, day)) / baseTotal;
    }

    private double Multiplier(SampleReason r, DateOnly day) =>
        r.Code == ScoreModel.EmergingReason && day >= EmergingFrom ? ScoreModel.EmergingFactor
        : r.Code == ScoreModel.JanuaryReason && day.Month == 1 ? ScoreModel.JanuaryFactor
        : 1.0;

    private static int[] Split(int total, double[] weights)
    {
        var sum = weights.Sum();
        var targets = new int[weights.Length];
        var cumulative = 0.0;
        var assigned = 0L;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            var upTo = i == weights.Length - 1 ? total : (long)Math.Round(total * (cumulative / sum), MidpointRounding.AwayFromZero);
            targets[i] = (int)(upTo - assigned);
            assigned = upTo;
        }
        return targets;
    }
}
