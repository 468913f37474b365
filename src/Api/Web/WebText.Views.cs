namespace Analytics.Api.Web;

/// <summary>The words of the Overview and Quality pages (apart, so pages added side by side merge cleanly).</summary>
internal sealed partial class WebText
{
    private static readonly Dictionary<string, string> ViewsDutch = new()
    {
        ["overview"] = "Overzicht", ["quality"] = "Kwaliteit", ["month"] = "Maand",
        ["overview.title"] = "Overzicht van de maand", ["suppressed.short"] = "verborgen",
        ["figures.caption"] = "Kerncijfers, {0}", ["figure"] = "Cijfer", ["value"] = "Waarde", ["before"] = "Maand ervoor",
        ["contacts.count"] = "Contacten", ["abandoned"] = "Opgehangen", ["fcr.honest"] = "Eerlijke FCR",
        ["fcr.naive"] = "Naïeve FCR", ["top.caption"] = "Grootste contactredenen, {0}", ["alerts"] = "Signalen",
        ["alerts.none"] = "Geen opkomende redenen gesignaleerd in deze maand.", ["detected"] = "Gesignaleerd op",
        ["alert.count"] = "Contacten die dag", ["alert.baseline"] = "Gewoonlijk per dag",
        ["trend.caption"] = "NPS per maand", ["top.chart"] = "Staafdiagram van de grootste contactredenen; de tabel ernaast heeft dezelfde cijfers.",
        ["quality.teams.caption"] = "NPS, CES en CSAT per team, {0}", ["ranking.caption"] = "Eerlijke rangschikking, {0}",
        ["ranking.off"] = "De privacyschakelaar 'ranking' staat uit: scores zonder posities, op team en medewerker gesorteerd.",
        ["ranking.role"] = "De eerlijke rangschikking per medewerker is voor rollen met toegang tot medewerkers.",
        ["ranking.chart"] = "Per medewerker de gecorrigeerde NPS met interval, de ruwe NPS (ring) en het team (streep); de tabel heeft dezelfde cijfers.",
        ["rank"] = "Positie", ["change"] = "Verandering",
        ["agent.title"] = "Medewerker {0}", ["agent.trend"] = "NPS per maand (12 maanden)",
        ["agent.figures"] = "Cijfers van {0}", ["behaviour.caption"] = "Gedragscontroles tegenover het team, {0}",
        ["check"] = "Controle", ["agent.col"] = "Medewerker", ["team.col"] = "Team",
        ["b.contacts"] = "Contacten met gesprek", ["b.interruptions"] = "Onderbrekingen per contact",
        ["b.open"] = "Open vragen per contact", ["b.summarised"] = "Samengevat", ["b.acknowledged"] = "Eerst erkend, dan ID gevraagd",
        ["b.silences"] = "Lange stiltes per contact", ["b.wpm"] = "Woorden per minuut", ["b.topscore"] = "Om een topscore gevraagd",
        ["detractors.caption"] = "Opmerkingen van criticasters", ["responded"] = "Beantwoord",
        ["examples.caption"] = "Voorbeeldbeurten die de automatische controles aanwezen", ["turn"] = "Beurt",
        ["examples.hidden"] = "Voorbeeldbeurten komen uit het gesprek, dat voor uw rol verborgen is (privacyschakelaar).",
        ["none"] = "Geen.",
    };

    private static readonly Dictionary<string, string> ViewsEnglish = new()
    {
        ["overview"] = "Overview", ["quality"] = "Quality", ["month"] = "Month",
        ["overview.title"] = "The month at a glance", ["suppressed.short"] = "hidden",
        ["figures.caption"] = "Headline figures, {0}", ["figure"] = "Figure", ["value"] = "Value", ["before"] = "Month before",
        ["contacts.count"] = "Contacts", ["abandoned"] = "Abandoned", ["fcr.honest"] = "Honest FCR",
        ["fcr.naive"] = "Naive FCR", ["top.caption"] = "Largest contact reasons, {0}", ["alerts"] = "Alerts",
        ["alerts.none"] = "No emerging reasons detected in this month.", ["detected"] = "Detected on",
        ["alert.count"] = "Contacts that day", ["alert.baseline"] = "Usually per day",
        ["trend.caption"] = "NPS per month", ["top.chart"] = "Bar chart of the largest contact reasons; the table beside it holds the same figures.",
        ["quality.teams.caption"] = "NPS, CES and CSAT per team, {0}", ["ranking.caption"] = "Fair ranking, {0}",
        ["ranking.off"] = "The privacy switch 'ranking' is off: scores without positions, sorted by team and agent.",
        ["ranking.role"] = "The fair ranking per agent is for roles with access to agents.",
        ["ranking.chart"] = "Per agent the shrunk NPS with its interval, the raw NPS (ring) and the team (bar); the table holds the same figures.",
        ["rank"] = "Position", ["change"] = "Change",
        ["agent.title"] = "Agent {0}", ["agent.trend"] = "NPS per month (12 months)",
        ["agent.figures"] = "Figures of {0}", ["behaviour.caption"] = "Behaviour checks against the team, {0}",
        ["check"] = "Check", ["agent.col"] = "Agent", ["team.col"] = "Team",
        ["b.contacts"] = "Contacts with a transcript", ["b.interruptions"] = "Interruptions per contact",
        ["b.open"] = "Open questions per contact", ["b.summarised"] = "Summarised", ["b.acknowledged"] = "Acknowledged before asking ID",
        ["b.silences"] = "Long silences per contact", ["b.wpm"] = "Words per minute", ["b.topscore"] = "Asked for a top score",
        ["detractors.caption"] = "Detractors' comments", ["responded"] = "Responded",
        ["examples.caption"] = "Example turns the automatic checks flagged", ["turn"] = "Turn",
        ["examples.hidden"] = "Example turns come from the transcript, which is hidden for your role (privacy switch).",
        ["none"] = "None.",
    };
}
