namespace Analytics.Insights.Rollups;

/// <summary>
/// Contacts of one local day (or, with <see cref="MonthTotal"/>, of the whole calendar month starting on <see cref="Day"/>),
/// source, channel, queue, language, agent and reason, with every sum and count the contact KPIs, FCR (default definition) and
/// failure demand add up. Phantom calls are only in <see cref="Phantom"/>. FCR columns hold the per-contact verdicts under
/// <see cref="Repeats.RepeatOptions"/>' defaults and the naive 5 × 24 h rule, judged as of the latest contact day at refresh.
/// </summary>
public sealed class ContactDaily
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>Month rows let a month be read as one row per group instead of thirty.</summary>
    public bool MonthTotal { get; set; }
    public required string Source { get; set; }
    public required string Channel { get; set; }
    public string? Queue { get; set; }
    /// <summary>ISO 639-1 code or null, as on the contacts: language filters and groupings read the rollup too.</summary>
    public string? Language { get; set; }
    public int? AgentId { get; set; }
    public int? ReasonId { get; set; }
    public int Contacts { get; set; }
    public int Served { get; set; }
    public int Abandoned { get; set; }
    public int Phantom { get; set; }
    public long WaitSecondsServed { get; set; }
    public long HandleSecondsServed { get; set; }
    /// <summary>Served contacts that waited at most <see cref="InsightRollups.ServiceLevelSeconds"/>.</summary>
    public int ServedWithinServiceLevel { get; set; }
    public int FcrContacts { get; set; }
    public int FcrPending { get; set; }
    public int FcrRepeated { get; set; }
    public int FcrResolved { get; set; }
    public int NaiveDecided { get; set; }
    public int NaiveResolved { get; set; }
    /// <summary>NPS responses about these contacts, whenever they were given.</summary>
    public int NpsPromoters { get; set; }
    public int NpsPassives { get; set; }
    public int NpsDetractors { get; set; }
}

/// <summary>
/// Handle times of served contacts of one local day (or month) as counts per <see cref="HandleTimeBins"/> bin, once per
/// channel, queue, agent and reason (<see cref="Kind"/> says which key is set). Medians read from them are approximate.
/// </summary>
public sealed class HandleTimeDaily
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public bool MonthTotal { get; set; }
    public required string Kind { get; set; }
    public string? Channel { get; set; }
    public string? Queue { get; set; }
    public int? AgentId { get; set; }
    public int? ReasonId { get; set; }
    /// <summary>Index of the first bin in <see cref="Bins"/>: only the run from the first to the last non-empty bin is stored.</summary>
    public int FirstBin { get; set; }
    public required int[] Bins { get; set; }
}

/// <summary>Non-phantom contacts per local day and coded reason: the emerging-reason alerts' input.</summary>
public sealed class ReasonDaily
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public int ReasonId { get; set; }
    public int Contacts { get; set; }
}

/// <summary>The driver report of one calendar month and survey type, fitted at refresh and served as stored (JSON).</summary>
public sealed class DriverFit
{
    public DateOnly Month { get; set; }
    public required string Type { get; set; }
    /// <summary>Hash of every input row: a refresh that finds the same inputs keeps the report instead of fitting again.</summary>
    public long Inputs { get; set; }
    public required string Report { get; set; }
}

/// <summary>NPS responses per local response day and agent of the responded contact: the fair ranking's input.</summary>
public sealed class AgentNpsDaily
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public int AgentId { get; set; }
    public int Promoters { get; set; }
    public int Passives { get; set; }
    public int Detractors { get; set; }
}
