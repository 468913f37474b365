namespace Analytics.Ingest.Samples;

/// <summary>
/// What the sample centre plants when <see cref="SampleOptions.PlantCoaching"/> is on: one agent coached on summarising
/// in the fourth month summarises far more often from the next day on (and, through summarising, scores higher), and
/// a placebo session a month later on the same sub-skill changes nothing. Truth is what the plant changed, measured on
/// the same draws: the coached agent's contacts in the <see cref="Weeks"/> weeks after the session with and without it.
/// </summary>
public sealed record PlantedCoaching(string Agent, DateOnly HeldOn, string PlaceboAgent, DateOnly PlaceboOn, int Weeks,
    int Transcripts, double CheckRateRise, int NpsResponses, double NpsRise, int CesResponses, double CesRise)
{
    public const string CoachedAgent = "A004";
    public const string Placebo = "A007";
    /// <summary>The auto-QA check (and form item) the sessions are about.</summary>
    public const string SubSkill = "summary";
    /// <summary>Chance the coached agent summarises after the session (before: the agent's usual chance).</summary>
    public const double SummariseAfter = 0.85;
    public const int TruthWeeks = 8;

    public static DateOnly SessionDay(DateOnly start) => start.AddMonths(3);
    public static DateOnly PlaceboDay(DateOnly start) => start.AddMonths(4).AddDays(3);
}

/// <summary>Sums what the plant changed, contact by contact, for <see cref="PlantedCoaching"/>'s truth.</summary>
internal sealed class CoachingTruth(DateOnly start)
{
    private readonly DateOnly _heldOn = PlantedCoaching.SessionDay(start);
    private int _transcripts, _nps, _ces;
    private double _checks, _npsPoints, _cesPoints;

    /// <summary>The chance to summarise on this contact: raised for the coached agent after the session day.</summary>
    public double Summarise(SampleAgent agent, DateOnly day, double usual) =>
        agent.Id == PlantedCoaching.CoachedAgent && day > _heldOn ? PlantedCoaching.SummariseAfter : usual;

    private bool Counts(SampleAgent agent, DateOnly day) =>
        agent.Id == PlantedCoaching.CoachedAgent && day > _heldOn
        && day <= _heldOn.AddDays(7 * PlantedCoaching.TruthWeeks);

    public void Transcript(SampleAgent agent, DateOnly day, bool summarised, bool usually)
    {
        if (!Counts(agent, day)) return;
        _transcripts++;
        _checks += (summarised ? 100 : 0) - (usually ? 100 : 0);
    }

    /// <summary>A response's score against the score the same draws give without the plant's extra summary.</summary>
    public void Response(SampleAgent agent, DateOnly day, string type, int score, int usualScore)
    {
        if (!Counts(agent, day)) return;
        if (type == "nps") { _nps++; _npsPoints += Points(score) - Points(usualScore); }
        else if (type == "ces") { _ces++; _cesPoints += score - usualScore; }
    }

    private static int Points(int nps) => nps >= 9 ? 100 : nps <= 6 ? -100 : 0;

    public PlantedCoaching Result(DateOnly start) => new(PlantedCoaching.CoachedAgent, _heldOn, PlantedCoaching.Placebo,
        PlantedCoaching.PlaceboDay(start), PlantedCoaching.TruthWeeks, _transcripts,
        _transcripts == 0 ? 0 : _checks / _transcripts, _nps, _nps == 0 ? 0 : _npsPoints / _nps, _ces,
        _ces == 0 ? 0 : _cesPoints / _ces);
}
