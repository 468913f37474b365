using System.Globalization;

namespace Analytics.Reports;

/// <summary>Labels and number/date formats of one report language. nl uses nl-NL (decimal comma), en uses en-GB.</summary>
public sealed class ReportLanguage
{
    public static readonly ReportLanguage Nl = new("nl", CultureInfo.GetCultureInfo("nl-NL"), new Dictionary<string, string>
    {
        ["reasons.title"] = "Contactredenen",
        ["reasons.subtitle"] = "Waarom klanten contact opnemen, en wat elke afdeling kan verbeteren",
        ["period"] = "Periode", ["channel"] = "kanaal", ["filters"] = "Filters", ["none"] = "geen", ["freshness"] = "Gegevens tot en met",
        ["never"] = "nog niets ingelezen", ["contacts"] = "Contacten", ["share"] = "Aandeel", ["cumulative"] = "Cumulatief",
        ["previous"] = "Vorige periode", ["change"] = "Verschil", ["reason"] = "Reden", ["department"] = "Afdeling",
        ["avoidable"] = "Vermijdbaar", ["yes"] = "ja", ["no"] = "nee", ["total"] = "Totaal", ["uncoded"] = "(geen reden gecodeerd)",
        ["page"] = "Pagina {0} van {1}", ["nodata"] = "Er zijn geen contacten in deze periode. Er is dus niets te tonen; controleer of de gegevens zijn ingelezen.",
        ["cumulative.short"] = "Cum.", ["previous.short"] = "Vorige", ["avoidable.short"] = "Vermijdb.",
        ["pareto"] = "Pareto: contacten per reden (grootste eerst)",
        ["kpi.total"] = "contacten", ["kpi.avoidable"] = "vermijdbaar", ["kpi.top3"] = "in de top 3 redenen",
        ["reasons.howto"] = "Zo leest u dit rapport: een reden telt de contacten die de medewerker na afloop met die reden codeerde. " +
            "Aandeel is het deel van alle contacten in de periode; cumulatief telt op van de grootste reden af (Pareto). " +
            "Verschil vergelijkt met de even lange periode direct ervoor. Vermijdbare contacten zijn contacten die een beter proces had voorkomen.",
    });

    public static readonly ReportLanguage En = new("en", CultureInfo.GetCultureInfo("en-GB"), new Dictionary<string, string>
    {
        ["reasons.title"] = "Contact reasons",
        ["reasons.subtitle"] = "Why customers contact us, and what each department can fix",
        ["period"] = "Period", ["channel"] = "channel", ["filters"] = "Filters", ["none"] = "none", ["freshness"] = "Data up to",
        ["never"] = "nothing ingested yet", ["contacts"] = "Contacts", ["share"] = "Share", ["cumulative"] = "Cumulative",
        ["previous"] = "Previous period", ["change"] = "Change", ["reason"] = "Reason", ["department"] = "Department",
        ["avoidable"] = "Avoidable", ["yes"] = "yes", ["no"] = "no", ["total"] = "Total", ["uncoded"] = "(no reason coded)",
        ["page"] = "Page {0} of {1}", ["nodata"] = "There are no contacts in this period, so there is nothing to show; check that the data has been ingested.",
        ["cumulative.short"] = "Cum.", ["previous.short"] = "Previous", ["avoidable.short"] = "Avoidable",
        ["pareto"] = "Pareto: contacts per reason (largest first)",
        ["kpi.total"] = "contacts", ["kpi.avoidable"] = "avoidable", ["kpi.top3"] = "in the top 3 reasons",
        ["reasons.howto"] = "How to read this: a reason counts the contacts the agent coded with it at wrap-up. " +
            "Share is the part of all contacts in the period; cumulative adds up from the largest reason down (Pareto). " +
            "Change compares with the equally long period just before. Avoidable contacts are those a better process would have prevented.",
    });

    private readonly Dictionary<string, string> _labels;

    private ReportLanguage(string code, CultureInfo culture, Dictionary<string, string> labels)
    {
        Code = code;
        Culture = culture;
        _labels = labels;
    }

    public string Code { get; }
    public CultureInfo Culture { get; }
    public string this[string key] => _labels.TryGetValue(key, out var s) ? s : key;

    public static ReportLanguage Parse(string? code) => code?.ToLowerInvariant() switch
    {
        null or "" or "nl" => Nl,
        "en" => En,
        _ => throw new ArgumentException($"unknown report language '{code}'; use nl or en", nameof(code)),
    };

    public string Number(double value, int decimals = 0) => value.ToString("N" + decimals, Culture);
    public string Percent(double percent, int decimals = 1) => (percent / 100).ToString("P" + decimals, Culture);
    public string Date(DateOnly d) => d.ToString("d MMMM yyyy", Culture);
    public string DateTime(DateTime local) => local.ToString("d MMMM yyyy HH:mm", Culture);
}
