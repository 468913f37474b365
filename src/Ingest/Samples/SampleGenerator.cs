namespace Analytics.Ingest.Samples;

/// <param name="Contacts">Exactly this many rows in contacts.csv.</param>
/// <param name="Seed">Same options, same seed: byte-identical files.</param>
/// <param name="Start">First day; 2026-01-01 when null.</param>
/// <param name="Months">Length of the period in calendar months.</param>
/// <param name="TranscriptShare">Share of answered phone and chat contacts that get a transcript (0..1).</param>
/// <param name="SurveyRate">Share of answered contacts that answer a survey (0..1): 60% NPS, 20% CES, 20% CSAT.</param>
/// <param name="PhoneShare">Share of new contacts by phone; <paramref name="ChatShare"/> by chat, the rest e-mail.</param>
/// <param name="PlantCoaching">Plant <see cref="PlantedCoaching"/>: off for the committed fixture, whose files the tests
/// quote figures from; on for the demo.</param>
/// <remarks>The record's defaults are the small, survey-dense fixture committed under samples/ for tests;
/// <see cref="Demo"/> is a centre of realistic volume, what `./analytics samples` and the demo write.</remarks>
public sealed record SampleOptions(
    int Contacts = 8000, int Seed = 20260101, DateOnly? Start = null, int Months = 6, double TranscriptShare = 0.35,
    double SurveyRate = 0.5, double PhoneShare = 0.58, double ChatShare = 0.27, bool PlantCoaching = false)
{
    public static readonly DateOnly DefaultStart = new(2026, 1, 1);

    /// <summary>
    /// 40 agents handle ~35k contacts a month and at most 15% of answered contacts answer a survey, so most agents get
    /// 60+ NPS responses a month (enough to rank at a minimum of 30). Phone carries most contacts, as in most Dutch
    /// energy centres, so the 33 phone agents get their share of surveys beside the 7 of the online team; fewer
    /// transcripts keep the demo under 2 minutes.
    /// </summary>
    public static readonly SampleOptions Demo =
        new(Contacts: 210_000, SurveyRate: 0.15, TranscriptShare: 0.1, PhoneShare: 0.74, ChatShare: 0.17, PlantCoaching: true);
    public DateOnly StartDay => Start ?? DefaultStart;
}

public sealed record SampleSummary(
    long Contacts, long Surveys, long TranscriptContacts, long TranscriptTurns, int Reasons, int Agents,
    string ReasonsPath, string ContactsPath, string TranscriptsPath, string SurveysPath, PlantedCoaching? Coaching = null);

/// <summary>
/// Writes a deterministic, plausible data set of a Dutch energy and telecom contact centre, with known effects planted
/// (see <see cref="ScoreModel"/> and samples/README.md). Rows are written as they are generated, so tens of millions of
/// contacts need no more memory than a few thousand.
/// </summary>
public static class SampleGenerator
{
    public const string ReasonsFile = "reasons.csv";
    public const string ContactsFile = "contacts.csv";
    public const string TranscriptsFile = "transcripts.csv";
    public const string SurveysFile = "surveys.csv";

    public static readonly string[] ReasonColumns = ["code", "parent_code", "name_nl", "name_en", "department", "avoidable"];
    public static readonly string[] ContactColumns =
    [
        "contact_id", "channel", "queue", "started_at", "ended_at", "wait_s", "talk_s", "hold_s", "acw_s", "transfers", "outcome",
        "agent_id", "agent_name", "team_code", "team_name", "customer_key", "reason_code", "notes",
    ];
    public static readonly string[] TranscriptColumns = ["contact_id", "seq", "speaker", "start_ms", "end_ms", "text"];
    public static readonly string[] SurveyColumns = ["response_id", "type", "score", "comment", "responded_at", "contact_id", "customer_key"];

    public static SampleSummary Generate(SampleOptions o, string outDir)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentOutOfRangeException.ThrowIfNegative(o.Contacts);
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Months, 1);
        if (o.TranscriptShare is < 0 or > 1 || double.IsNaN(o.TranscriptShare))
            throw new ArgumentOutOfRangeException(nameof(o), o.TranscriptShare, "TranscriptShare must be between 0 and 1");
        if (o.PhoneShare < 0 || o.ChatShare < 0 || o.PhoneShare + o.ChatShare > 1)
            throw new ArgumentOutOfRangeException(nameof(o), "PhoneShare and ChatShare must be shares that add up to 1 or less");
        if (o.SurveyRate is < 0 or > 1 || double.IsNaN(o.SurveyRate))
            throw new ArgumentOutOfRangeException(nameof(o), o.SurveyRate, "SurveyRate must be between 0 and 1");
        Directory.CreateDirectory(outDir);

        var times = new LocalTimes();
        var reasonsPath = Path.Combine(outDir, ReasonsFile);
        using (var reasons = new CsvSink(reasonsPath, times, ReasonColumns)) WriteReasons(reasons);

        var calendar = new SampleCalendar(o.StartDay, o.Months, o.Contacts);
        var simulation = new SampleSimulation(o, calendar, times);
        using var contacts = new CsvSink(Path.Combine(outDir, ContactsFile), times, ContactColumns);
        using var transcripts = new CsvSink(Path.Combine(outDir, TranscriptsFile), times, TranscriptColumns);
        using var surveys = new CsvSink(Path.Combine(outDir, SurveysFile), times, SurveyColumns);
        simulation.Run(contacts, transcripts, surveys);

        return new SampleSummary(contacts.Rows, simulation.Surveys, simulation.TranscriptContacts, simulation.TranscriptTurns,
            SampleCatalog.Categories.Length + SampleCatalog.Reasons.Length, SampleCatalog.Agents.Length,
            reasonsPath, contacts.Path, transcripts.Path, surveys.Path, simulation.Coaching);
    }

    private static void WriteReasons(CsvSink s)
    {
        foreach (var c in SampleCatalog.Categories)
            Row(s, c.Code, null, c.NameNl, c.NameEn, c.Department, c.Avoidable);
        foreach (var r in SampleCatalog.Reasons)
            Row(s, r.Code, r.Category, r.NameNl, r.NameEn, r.Department, r.Avoidable);
    }

    private static void Row(CsvSink s, string code, string? parent, string nl, string en, string department, bool avoidable)
    {
        s.Field(code);
        s.Field(parent);
        s.Field(nl);
        s.Field(en);
        s.Field(department);
        s.Field(avoidable);
        s.EndRow();
    }
}
