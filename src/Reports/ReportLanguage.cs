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
        ["quality.title"] = "Kwaliteit", ["quality.subtitle"] = "NPS, CES en CSAT per team en medewerker, eerlijk bij kleine aantallen",
        ["quality.teams"] = "Per team", ["quality.agents"] = "Per medewerker (NPS naar het team toe gecorrigeerd)", ["quality.agents.raw"] = "Per medewerker",
        ["quality.detractors"] = "Wat criticasters schreven",
        ["quality.chart"] = "● gecorrigeerde NPS met 95%-interval, ○ ruwe NPS, gestippeld: het hele centrum", ["quality.chart.axis"] = "NPS", ["team"] = "Team", ["agent"] = "Medewerker", ["interval"] = "95%-interval",
        ["raw"] = "Ruw", ["shrunk"] = "Gecorr.", ["toofew"] = "te weinig", ["contact"] = "contact",
        ["nodata.surveys"] = "Er zijn geen enquêtes in deze periode. Er is dus niets te tonen; controleer of de gegevens zijn ingelezen.",
        ["quality.howto"] = "Zo leest u dit rapport: NPS is het percentage promotors (9–10) min het percentage criticasters (0–6), van −100 tot +100. " +
            "Elk cijfer staat met n (aantal enquêtes) en een 95%-interval: bij weinig enquêtes is het interval breed. Onder {0} enquêtes staat \"te weinig\" en wordt niet gerangschikt. " +
            "De gecorrigeerde NPS van een medewerker trekt een klein aantal enquêtes naar het teamgemiddelde toe (empirische Bayes), zodat niemand bovenaan of onderaan staat door toeval.",
        ["mgmt.title"] = "Managementsamenvatting", ["mgmt.subtitle"] = "De cijfers die ertoe doen, en wat elke afdeling kan doen",
        ["mgmt.volume"] = "contacten", ["mgmt.naive"] = "naïef", ["mgmt.aht"] = "AHT", ["mgmt.abandon"] = "opgehangen", ["mgmt.fcr"] = "eerlijke FCR",
        ["mgmt.toppareto"] = "Grootste contactredenen", ["mgmt.actions"] = "Drie acties per afdeling", ["mgmt.drivers"] = "Wat criticasters veroorzaakt",
        ["mgmt.failure"] = "Vermijdbare contacten per afdeling", ["mgmt.vsprev"] = "vs vorige", ["mgmt.odds"] = "kansverhouding",
        ["mgmt.howto"] = "Zo leest u dit overzicht: de kerncijfers vergelijken met de even lange periode ervoor. De eerlijke FCR telt een contact alleen als opgelost " +
            "als dezelfde klant binnen 5 werkdagen niet opnieuw contact opneemt. Een kansverhouding boven 1 betekent meer kans op een criticaster.",
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
        ["quality.title"] = "Quality", ["quality.subtitle"] = "NPS, CES and CSAT per team and agent, fair at small numbers",
        ["quality.teams"] = "Per team", ["quality.agents"] = "Per agent (NPS shrunk toward the team)", ["quality.agents.raw"] = "Per agent",
        ["quality.detractors"] = "What detractors wrote",
        ["quality.chart"] = "● shrunk NPS with its 95% interval, ○ raw NPS, dashed: the whole centre", ["quality.chart.axis"] = "NPS", ["team"] = "Team", ["agent"] = "Agent", ["interval"] = "95% interval",
        ["raw"] = "Raw", ["shrunk"] = "Shrunk", ["toofew"] = "too few", ["contact"] = "contact",
        ["nodata.surveys"] = "There are no survey responses in this period, so there is nothing to show; check that the data has been ingested.",
        ["quality.howto"] = "How to read this: NPS is the percentage of promoters (9–10) minus the percentage of detractors (0–6), from −100 to +100. " +
            "Every figure comes with n (responses) and a 95% interval: few responses, wide interval. Below {0} responses a figure says \"too few\" and is not ranked. " +
            "An agent's shrunk NPS pulls a small number of responses toward the team's figure (empirical Bayes), so nobody is top or bottom by chance.",
        ["mgmt.title"] = "Management summary", ["mgmt.subtitle"] = "The figures that matter, and what each department can do",
        ["mgmt.volume"] = "contacts", ["mgmt.naive"] = "naive", ["mgmt.aht"] = "AHT", ["mgmt.abandon"] = "abandoned", ["mgmt.fcr"] = "honest FCR",
        ["mgmt.toppareto"] = "Largest contact reasons", ["mgmt.actions"] = "Three actions by department", ["mgmt.drivers"] = "What drives detractors",
        ["mgmt.failure"] = "Avoidable contacts by department", ["mgmt.vsprev"] = "vs prev.", ["mgmt.odds"] = "odds ratio",
        ["mgmt.howto"] = "How to read this: headline figures compare with the equally long period before. Honest FCR counts a contact as resolved only " +
            "if the same customer does not contact us again within 5 working days. An odds ratio above 1 means a higher chance of a detractor.",
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

    /// <summary>An odds ratio or other model statistic as the API shows it (3 significant digits).</summary>
    public string Ratio(double value) => Analytics.Statistics.Rounding.Ratio(value).ToString(Culture);

    public string Date(DateOnly d) => d.ToString("d MMMM yyyy", Culture);
    public string DateTime(DateTime local) => local.ToString("d MMMM yyyy HH:mm", Culture);
}
