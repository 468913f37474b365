using System.Globalization;
using Analytics.Insights.Agents;
using Analytics.Insights.Drivers;
using Analytics.Reports.Management;

namespace Analytics.Reports;

/// <summary>
/// Every piece of text a report prints that is not data, and the number/date formats of one report language
/// (nl uses nl-NL with its decimal comma, en uses en-GB). Labels the analytics produce as keys (driver features,
/// agent tiers, department codes) are turned into words here too, so a Dutch report never shows an English key.
/// </summary>
public sealed class ReportLanguage
{
    public static readonly ReportLanguage Nl = new("nl", CultureInfo.GetCultureInfo("nl-NL"), Texts.Dutch);
    public static readonly ReportLanguage En = new("en", CultureInfo.GetCultureInfo("en-GB"), Texts.English);

    private readonly IReadOnlyDictionary<string, string> _labels;

    private ReportLanguage(string code, CultureInfo culture, IReadOnlyDictionary<string, string> labels)
    {
        Code = code;
        Culture = culture;
        _labels = labels;
    }

    public string Code { get; }
    public CultureInfo Culture { get; }
    public string this[string key] => _labels.TryGetValue(key, out var s) ? s : key;
    public bool Has(string key) => _labels.ContainsKey(key);

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
    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>An interval in words ("−3,2 tot 14,0"): an ellipsis between figures reads as text cut short.</summary>
    public string Range(string low, string high) => Format("range", low, high);

    /// <summary>A reason's name in this language.</summary>
    public string ReasonName(string nameNl, string nameEn) => Code == "nl" ? nameNl : nameEn;

    /// <summary>
    /// A department as a manager names it. Departments are taxonomy data; the common codes ("billing",
    /// "customer-service") get a translation, anything else prints as it was loaded.
    /// </summary>
    public string Department(string department) =>
        _labels.TryGetValue("dept." + department.ToLowerInvariant(), out var s) ? s : department;

    /// <summary>The tier of an agent as a phrase ("duidelijk boven het team"); short form for table cells.</summary>
    public string Tier(AgentTier tier, bool shortForm = false) =>
        this[$"tier.{TierKey(tier)}{(shortForm ? ".short" : "")}"];

    private static string TierKey(AgentTier tier) => tier switch
    {
        AgentTier.Above => "above", AgentTier.Below => "below", _ => "inline",
    };

    /// <summary>
    /// A driver of detractors in words. Reasons arrive already named in this language; the other features each have a
    /// label ("Per doorverbinding"). A feature without a label still prints (a scheduled report must not fail), but a
    /// test makes sure every feature DriverAnalysis fits has one in both languages.
    /// </summary>
    public string DriverLabel(Driver d)
    {
        if (d.Feature == DriverFeatures.OtherReason) return Format("driver.otherreason", d.Reference);
        if (d.Reason is { } reason) return Format("driver.reason", reason, d.Reference);
        return _labels.TryGetValue("driver." + d.Feature, out var label)
            ? string.Format(Culture, label, d.LookbackDays)
            : d.Feature;
    }
}

/// <summary>The words themselves, in a class of their own so both exist before Nl and En are built.</summary>
file static class Texts
{
    public static readonly Dictionary<string, string> Dutch = new()
    {
        ["period"] = "Periode", ["channel"] = "kanaal", ["filters"] = "Filters", ["none"] = "geen",
        ["freshness"] = "Gegevens tot en met", ["never"] = "nog niets ingelezen", ["page"] = "Pagina {0} van {1}",
        ["colophon"] = "Privacy-afspraken: ranglijst {0} · signalen enquêtebeïnvloeding {1} · transcripten voor " +
                       "kwaliteitsmanagers {2} · minimale groep {3} medewerkers / {4} reacties",
        ["on"] = "aan", ["off"] = "uit",
        ["contacts"] = "Contacten", ["share"] = "Aandeel", ["cumulative"] = "Cumulatief",
        ["previous"] = "Vorige periode",
        ["change"] = "Verschil", ["reason"] = "Reden", ["department"] = "Afdeling", ["avoidable"] = "Vermijdbaar",
        ["yes"] = "ja", ["no"] = "nee", ["total"] = "Totaal", ["new"] = "nieuw", ["uncoded"] = "(geen reden gecodeerd)",
        ["range"] = "{0} tot {1}", ["team"] = "Team", ["agent"] = "Medewerker", ["interval"] = "95%-interval",
        ["raw"] = "Ruw", ["shrunk"] = "Gecorr.", ["toofew"] = "te weinig", ["toofew.long"] = "te weinig reacties",
        ["contact"] = "contact",
        ["audit.title"] = "Audit-overzicht", ["audit.entries"] = "Regels in het auditlog",
        ["audit.subtitle"] = "Wie keek hoe vaak naar gegevens van welke medewerker, exports, geweigerde pogingen en " +
                             "wijzigingen: voor de ondernemingsraad en de functionaris gegevensbescherming",
        ["audit.looks"] = "Inzagen op medewerkerniveau", ["audit.refusals"] = "Geweigerde pogingen",
        ["audit.exports"] = "Exports", ["audit.keys"] = "Wijzigingen van sleutels", ["audit.who"] = "Sleutel",
        ["audit.agents"] = "Medewerkers", ["audit.agentcode"] = "Medewerkercode", ["audit.keycount"] = "Sleutels",
        ["audit.what"] = "Wat", ["audit.count"] = "Aantal", ["audit.all"] = "alle medewerkers (ranglijst, per medewerker)",
        ["audit.contact"] = "één contact", ["audit.h.bykey"] = "Inzagen per sleutel",
        ["audit.h.byagent"] = "Inzagen per medewerker (code, geen inhoud)", ["audit.h.exports"] = "Exports",
        ["audit.h.refusals"] = "Geweigerde pogingen", ["audit.h.keys"] = "Sleutels aangemaakt en ingetrokken",
        ["audit.h.switches"] = "Gewijzigde schakelaars", ["audit.h.privacy"] = "Bewaartermijnen en verwijderingen",
        ["audit.none"] = "Geen in deze periode.",
        ["audit.noswitches"] = "Geen schakelaars gewijzigd in deze periode.",
        ["audit.howto"] = "Elke regel van het auditlog in deze periode telt in precies één onderdeel. Een sleutel is " +
                          "rol #nummer (naam); regels zonder sleutel komen van de opdrachtregel of van taken. Inzagen " +
                          "tellen medewerkers bij hun code; de inhoud van wat men zag staat niet in het log.",
        ["nodata"] = "Er zijn geen contacten in deze periode. Er is dus niets te tonen; controleer of de gegevens " +
            "zijn ingelezen.",
        ["nodata.surveys"] = "Er zijn geen enquêtes in deze periode. Er is dus niets te tonen; controleer of de " +
            "gegevens zijn ingelezen.",

        ["reasons.title"] = "Contactredenen",
        ["reasons.subtitle"] = "Waarom klanten contact opnemen, en wat elke afdeling kan verbeteren",
        ["pareto"] = "Pareto: contacten per reden (grootste eerst)",
        ["kpi.total"] = "contacten", ["kpi.avoidable"] = "vermijdbaar", ["kpi.top3"] = "in de top 3 redenen",
        ["newreasons.title"] = "Nieuwe redenen (kandidaten)",
        ["newreasons.intro"] = "Contacten die het model niet kon plaatsen, of die analisten van het model weg corrigeerden, " +
            "gegroepeerd op hun woorden. Per week: gemiddeld in de eerste helft van de periode → de tweede helft.",
        ["newreasons.none"] = "Geen kandidaten in deze periode.",
        ["newreasons.words"] = "Kandidaat en woorden", ["newreasons.trend"] = "Per week", ["newreasons.reach"] = "Teams · kanalen",
        ["newreasons.example"] = "Voorbeeld (notitie)", ["newreasons.accepted"] = "aangenomen als",
        ["reasons.howto"] = "Zo leest u dit rapport: een reden telt de contacten die de medewerker na afloop met die " +
            "reden codeerde. Aandeel is het deel van alle contacten in de periode; cumulatief telt op van de " +
            "grootste reden af (Pareto). Verschil vergelijkt met de even lange periode direct ervoor. Vermijdbare " +
            "contacten zijn contacten die een beter proces had voorkomen.",

        ["quality.title"] = "Kwaliteit",
        ["quality.subtitle"] = "NPS, CES en CSAT per team en medewerker, eerlijk bij kleine aantallen",
        ["quality.teams"] = "Per team", ["quality.agents"] = "Per medewerker (NPS naar het team toe gecorrigeerd)",
        ["quality.agents.raw"] = "Per medewerker", ["quality.detractors"] = "Wat criticasters schreven",
        ["quality.chart"] = "● NPS naar het team toe gecorrigeerd, met 95%-interval: groen is duidelijk boven het " +
            "team, rood duidelijk onder het team, blauw in lijn met het team. ○ ruwe NPS. | NPS van het eigen team. " +
            "Gestippeld: het hele centrum. Grijs: te weinig reacties (minder dan {0}) om te beoordelen.",
        ["quality.chart.axis"] = "NPS",
        ["quality.agents.legend"] = "Gecorr.: NPS naar het team toe gecorrigeerd. Ten opzichte van het team: " +
            "duidelijk boven of onder als het hele 95%-interval boven of onder de NPS van het eigen team ligt, " +
            "anders in lijn. Met zo'n 60 reacties is het interval ongeveer 20 punten naar elke kant, dus zegt een " +
            "plaats hoger of lager in de rangorde weinig. ▲/▼: significant gestegen/gedaald ten opzichte van de " +
            "vorige periode.",
        ["tier"] = "Ten opzichte van het team",
        ["tier.above"] = "duidelijk boven het team", ["tier.above.short"] = "duidelijk boven",
        ["tier.inline"] = "in lijn met het team", ["tier.inline.short"] = "in lijn",
        ["tier.below"] = "duidelijk onder het team", ["tier.below.short"] = "duidelijk onder",
        ["quality.howto"] = "Zo leest u dit rapport: NPS is het percentage promotors (9–10) min het percentage " +
            "criticasters (0–6), van −100 tot +100. Elk cijfer staat met n (aantal enquêtes) en een 95%-interval: " +
            "bij weinig enquêtes is het interval breed. Onder {0} enquêtes staat \"te weinig\" en wordt niet " +
            "gerangschikt. De gecorrigeerde NPS van een medewerker trekt een klein aantal enquêtes naar het " +
            "teamgemiddelde toe (empirische Bayes), zodat niemand bovenaan of onderaan staat door toeval.",

        ["coaching.title"] = "Coaching",
        ["coaching.subtitle"] = "Voor het één-op-ééngesprek: deelvaardigheden, beoordelingen, klanten en het effect " +
            "van de afspraken",
        ["coaching.kpi.evaluations"] = "bevestigde beoordelingen",
        ["coaching.kpi.mean"] = "bevestigde beoordelingen, gemiddelde score {0}",
        ["coaching.kpi.disputes"] = "Bezwaren", ["coaching.kpi.sessions"] = "Coachgesprekken",
        ["coaching.skills"] = "Deelvaardigheden per maand, naast het team",
        ["coaching.skills.none"] = "Geen contacten met transcript en geen beoordelingen van deze medewerker in deze " +
            "periode.",
        ["coaching.skills.legend"] = "Controles: het aandeel contacten met transcript waarin de automatische controle " +
            "het gedrag zag, met tussen haakjes het aantal contacten. Onderdelen van het formulier: de gemiddelde " +
            "score (0–100) van bevestigde beoordelingen, met het aantal beoordelingen. Team: alle contacten van het " +
            "eigen team, deze medewerker inbegrepen. ● onderwerp van een coachgesprek in deze periode.",
        ["coaching.subskill"] = "Deelvaardigheid", ["coaching.team"] = "eigen team",
        ["coaching.sessions"] = "Coachgesprekken, afspraken en hun effect",
        ["coaching.sessions.none"] = "Geen coachgesprekken in deze periode.",
        ["coaching.session.line"] = "Vervolggesprek op {0} · vastgelegd door {1}",
        ["coaching.actions"] = "Afgesproken",
        ["coaching.effect.intro"] = "Gemeten van {0} tot {1}, vergeleken met {2} medewerkers die in dezelfde weken " +
            "niet op deze vaardigheid werden gecoacht, gecorrigeerd voor reden, kanaal, wachttijd, doorverbindingen " +
            "en herhaalbellers.",
        ["coaching.outcome"] = "Uitkomst", ["coaching.effect"] = "Effect",
        ["coaching.beforeafter"] = "Vóór → na", ["coaching.counts"] = "n vóór / na",
        ["coaching.outcome.check"] = "Controle: {0}", ["coaching.points"] = "punten",
        ["coaching.tooearly"] = "te vroeg om iets te zeggen",
        ["coaching.evaluations"] = "Beoordelingen", ["coaching.evaluations.none"] = "Geen bevestigde beoordelingen " +
            "van contacten in deze periode.",
        ["coaching.contactday"] = "Contact op", ["coaching.contact"] = "Contactnummer",
        ["coaching.form"] = "Formulier", ["coaching.score"] = "Score",
        ["coaching.resolution"] = "Besluit",
        ["dispute.open"] = "bezwaar open", ["dispute.upheld"] = "bezwaar toegekend",
        ["dispute.rejected"] = "bezwaar afgewezen",
        ["coaching.comments"] = "Wat klanten schreven",
        ["coaching.comments.none"] = "Geen toelichtingen van klanten in deze periode.",
        ["coaching.detractor"] = "criticaster", ["coaching.passive"] = "passief", ["coaching.promoter"] = "promotor",
        ["coaching.howto"] = "Zo leest u dit rapport: het is bedoeld voor het gesprek met deze medewerker, niet om " +
            "medewerkers te vergelijken; er staat geen ranglijst in. Het effect van een coachgesprek vergelijkt de " +
            "klantcijfers en controles van deze medewerker vóór en na het gesprek met die van collega's in dezelfde " +
            "weken (verschil-in-verschillen). Een 95%-interval dat nul bevat betekent: geen aantoonbaar effect. Met " +
            "minder dan {0} metingen vóór of na staat er \"te vroeg om iets te zeggen\". Toelichtingen van klanten " +
            "zijn bij het inlezen ontdaan van namen en nummers.",
        ["check.let_finish"] = "Klant laten uitpraten", ["check.open_question"] = "Open vraag stellen",
        ["check.summary"] = "Samenvatten", ["check.acknowledged_before_id"] = "Erkennen vóór identificatie",
        ["check.no_top_score_request"] = "Niet om een topscore vragen",

        ["mgmt.title"] = "Managementsamenvatting",
        ["mgmt.subtitle"] = "De cijfers die ertoe doen, en wat elke afdeling kan doen",
        ["mgmt.volume"] = "contacten", ["mgmt.naive"] = "naïef", ["mgmt.aht"] = "AHT", ["mgmt.abandon"] = "opgehangen",
        ["mgmt.fcr"] = "eerlijke FCR", ["mgmt.vsprev"] = "t.o.v. vorige periode",
        ["mgmt.toppareto"] = "Grootste contactredenen", ["mgmt.actions"] = "Drie acties per afdeling",
        ["mgmt.drivers"] = "Wat criticasters veroorzaakt", ["mgmt.driver"] = "Oorzaak",
        ["mgmt.odds"] = "Kansverhouding",
        ["mgmt.followups"] = "Wat de vloer deze maand aan verkoop, facturatie en product doorgaf",
        ["mgmt.followups.none"] = "Geen afgesloten opvolgtaken met een oorzaak bij een andere afdeling.",
        ["mgmt.followups.tasks"] = "Afgesloten taken", ["mgmt.followups.due"] = "Taken", ["mgmt.followups.closed"] = "Afgesloten",
        ["mgmt.followups.intime"] = "Op tijd afgesloten", ["mgmt.followups.small"] = "minder dan {0} medewerkers",
        ["closure.called-back-solved"] = "teruggebeld en opgelost", ["closure.compensated"] = "gecompenseerd",
        ["closure.not-reachable"] = "niet bereikbaar", ["closure.no-action-needed"] = "geen actie nodig",
        ["mgmt.howto"] = "Zo leest u dit overzicht: de kerncijfers vergelijken met de even lange periode ervoor. De " +
            "eerlijke FCR telt een contact alleen als opgelost als dezelfde klant binnen 5 werkdagen niet opnieuw " +
            "contact opneemt. Een kansverhouding boven 1 betekent meer kans op een criticaster.",

        ["driver.reason"] = "Reden: {0} (t.o.v. {1})",
        ["driver.otherreason"] = "Reden: overige redenen (t.o.v. {0})",
        ["driver." + DriverFeatures.EarlierContacts] = "Per eerder contact van dezelfde klant in de {0} dagen ervoor",
        ["driver." + DriverFeatures.WaitTime] = "Per minuut wachttijd",
        ["driver." + DriverFeatures.HandlingTime] = "Per minuut afhandeltijd",
        ["driver." + DriverFeatures.Transfers] = "Per doorverbinding",
        ["driver." + DriverFeatures.Interrupted] = "Medewerker onderbrak de klant",
        ["driver." + DriverFeatures.OpenQuestion] = "Open vraag gesteld",
        ["driver." + DriverFeatures.Summarised] = "Samengevat of begrip gecontroleerd",
        ["driver." + DriverFeatures.IdentificationFirst] = "Eerst identificatie gevraagd, pas daarna het probleem " +
            "erkend",
        ["driver." + DriverFeatures.LongSilence] = "Lange stilte in het gesprek",
        ["driver." + DriverFeatures.TalkListenRatio] = "Per punt spreek/luisterverhouding van de medewerker",

        ["dept.billing"] = "Facturatie", ["dept.operations"] = "Bedrijfsvoering", ["dept.sales"] = "Verkoop",
        ["dept.product"] = "Product", ["dept.marketing"] = "Marketing", ["dept.customer-service"] = "Klantenservice",
    };

    public static readonly Dictionary<string, string> English = new()
    {
        ["period"] = "Period", ["channel"] = "channel", ["filters"] = "Filters", ["none"] = "none",
        ["freshness"] = "Data up to", ["never"] = "nothing ingested yet", ["page"] = "Page {0} of {1}",
        ["colophon"] = "Privacy switches: ranking {0} · survey-gaming signals {1} · transcripts for quality managers {2} · " +
                       "minimum group {3} agents / {4} responses",
        ["on"] = "on", ["off"] = "off",
        ["contacts"] = "Contacts", ["share"] = "Share", ["cumulative"] = "Cumulative", ["previous"] = "Previous period",
        ["change"] = "Change", ["reason"] = "Reason", ["department"] = "Department", ["avoidable"] = "Avoidable",
        ["yes"] = "yes", ["no"] = "no", ["total"] = "Total", ["new"] = "new", ["uncoded"] = "(no reason coded)",
        ["range"] = "{0} to {1}", ["team"] = "Team", ["agent"] = "Agent", ["interval"] = "95% interval",
        ["raw"] = "Raw", ["shrunk"] = "Shrunk", ["toofew"] = "too few", ["toofew.long"] = "too few responses",
        ["contact"] = "contact",
        ["audit.title"] = "Audit summary", ["audit.entries"] = "Audit log entries",
        ["audit.subtitle"] = "Who looked how often at which agent's data, exports, refused attempts and changes: " +
                             "for the works council and the data protection officer",
        ["audit.looks"] = "Agent-level looks", ["audit.refusals"] = "Refused attempts", ["audit.exports"] = "Exports",
        ["audit.keys"] = "Key changes", ["audit.who"] = "Key", ["audit.agents"] = "Agents",
        ["audit.agentcode"] = "Agent code", ["audit.keycount"] = "Keys", ["audit.what"] = "What",
        ["audit.count"] = "Count", ["audit.all"] = "all agents (ranking, per agent)", ["audit.contact"] = "one contact",
        ["audit.h.bykey"] = "Looks per key", ["audit.h.byagent"] = "Looks per agent (code, not content)",
        ["audit.h.exports"] = "Exports", ["audit.h.refusals"] = "Refused attempts",
        ["audit.h.keys"] = "Keys created and revoked", ["audit.h.switches"] = "Switches changed",
        ["audit.h.privacy"] = "Retention and erasure", ["audit.none"] = "None in this period.",
        ["audit.noswitches"] = "No switch changed in this period.",
        ["audit.howto"] = "Every audit log entry of the period counts in exactly one section. A key is role #number " +
                          "(name); entries without a key come from the command line or from jobs. Looks count agents " +
                          "by their code; what was seen is not in the log.",
        ["nodata"] = "There are no contacts in this period, so there is nothing to show; check that the data has " +
            "been ingested.",
        ["nodata.surveys"] = "There are no survey responses in this period, so there is nothing to show; check that " +
            "the data has been ingested.",

        ["reasons.title"] = "Contact reasons",
        ["reasons.subtitle"] = "Why customers contact us, and what each department can fix",
        ["pareto"] = "Pareto: contacts per reason (largest first)",
        ["kpi.total"] = "contacts", ["kpi.avoidable"] = "avoidable", ["kpi.top3"] = "in the top 3 reasons",
        ["newreasons.title"] = "New reasons (candidates)",
        ["newreasons.intro"] = "Contacts the model could not place, or that analysts corrected away from the model, " +
            "grouped by their words. Per week: the average in the first half of the period → the second half.",
        ["newreasons.none"] = "No candidates in this period.",
        ["newreasons.words"] = "Candidate and words", ["newreasons.trend"] = "Per week", ["newreasons.reach"] = "Teams · channels",
        ["newreasons.example"] = "Example (note)", ["newreasons.accepted"] = "accepted as",
        ["reasons.howto"] = "How to read this: a reason counts the contacts the agent coded with it at wrap-up. " +
            "Share is the part of all contacts in the period; cumulative adds up from the largest reason down " +
            "(Pareto). Change compares with the equally long period just before. Avoidable contacts are those a " +
            "better process would have prevented.",

        ["quality.title"] = "Quality",
        ["quality.subtitle"] = "NPS, CES and CSAT per team and agent, fair at small numbers",
        ["quality.teams"] = "Per team", ["quality.agents"] = "Per agent (NPS shrunk toward the team)",
        ["quality.agents.raw"] = "Per agent", ["quality.detractors"] = "What detractors wrote",
        ["quality.chart"] = "● NPS shrunk toward the team, with its 95% interval: green is clearly above the team, " +
            "red clearly below the team, blue in line with the team. ○ raw NPS. | NPS of the agent's own team. " +
            "Dashed: the whole centre. Grey: too few responses (fewer than {0}) to judge.",
        ["quality.chart.axis"] = "NPS",
        ["quality.agents.legend"] = "Shrunk: NPS shrunk toward the team. Compared with the team: clearly above or " +
            "below when the whole 95% interval lies above or below the NPS of the agent's own team, otherwise in " +
            "line. With about 60 responses the interval reaches some 20 points either way, so one place up or down " +
            "the ranking says little. ▲/▼: significantly up/down against the previous period.",
        ["tier"] = "Compared with the team",
        ["tier.above"] = "clearly above the team", ["tier.above.short"] = "clearly above",
        ["tier.inline"] = "in line with the team", ["tier.inline.short"] = "in line",
        ["tier.below"] = "clearly below the team", ["tier.below.short"] = "clearly below",
        ["quality.howto"] = "How to read this: NPS is the percentage of promoters (9–10) minus the percentage of " +
            "detractors (0–6), from −100 to +100. Every figure comes with n (responses) and a 95% interval: few " +
            "responses, wide interval. Below {0} responses a figure says \"too few\" and is not ranked. An agent's " +
            "shrunk NPS pulls a small number of responses toward the team's figure (empirical Bayes), so nobody is " +
            "top or bottom by chance.",

        ["coaching.title"] = "Coaching",
        ["coaching.subtitle"] = "For the one-to-one: sub-skills, evaluations, customers and the effect of what was " +
            "agreed",
        ["coaching.kpi.evaluations"] = "confirmed evaluations",
        ["coaching.kpi.mean"] = "confirmed evaluations, mean score {0}",
        ["coaching.kpi.disputes"] = "Disputes", ["coaching.kpi.sessions"] = "Coaching sessions",
        ["coaching.skills"] = "Sub-skills per month, beside the team",
        ["coaching.skills.none"] = "No contacts with a transcript and no evaluations of this agent in this period.",
        ["coaching.skills.legend"] = "Checks: the share of contacts with a transcript in which the automatic check " +
            "saw the behaviour, with the number of contacts in brackets. Form sections: the mean score (0–100) of " +
            "confirmed evaluations, with the number of evaluations. Team: all contacts of the agent's own team, this " +
            "agent included. ● subject of a coaching session in this period.",
        ["coaching.subskill"] = "Sub-skill", ["coaching.team"] = "own team",
        ["coaching.sessions"] = "Coaching sessions, agreed actions and their effect",
        ["coaching.sessions.none"] = "No coaching sessions in this period.",
        ["coaching.session.line"] = "Follow-up on {0} · recorded by {1}",
        ["coaching.actions"] = "Agreed",
        ["coaching.effect.intro"] = "Measured from {0} to {1}, compared with {2} agents not coached on this skill in " +
            "the same weeks, adjusted for reason, channel, waiting time, transfers and repeat callers.",
        ["coaching.outcome"] = "Outcome", ["coaching.effect"] = "Effect",
        ["coaching.beforeafter"] = "Before → after", ["coaching.counts"] = "n before / after",
        ["coaching.outcome.check"] = "Check: {0}", ["coaching.points"] = "points",
        ["coaching.tooearly"] = "too early to tell",
        ["coaching.evaluations"] = "Evaluations", ["coaching.evaluations.none"] = "No confirmed evaluations of " +
            "contacts in this period.",
        ["coaching.contactday"] = "Contact on", ["coaching.contact"] = "Contact number",
        ["coaching.form"] = "Form", ["coaching.score"] = "Score",
        ["coaching.resolution"] = "Decision",
        ["dispute.open"] = "dispute open", ["dispute.upheld"] = "dispute upheld",
        ["dispute.rejected"] = "dispute rejected",
        ["coaching.comments"] = "What customers wrote",
        ["coaching.comments.none"] = "No customer comments in this period.",
        ["coaching.detractor"] = "detractor", ["coaching.passive"] = "passive", ["coaching.promoter"] = "promoter",
        ["coaching.howto"] = "How to read this: it is meant for the conversation with this agent, not for comparing " +
            "agents; there is no ranking in it. A session's effect compares this agent's customer scores and checks " +
            "before and after the session with those of colleagues in the same weeks (difference-in-differences). A " +
            "95% interval that contains zero means: no demonstrable effect. With fewer than {0} observations before " +
            "or after it says \"too early to tell\". Customer comments had names and numbers removed at ingest.",
        ["check.let_finish"] = "Let the customer finish", ["check.open_question"] = "Ask an open question",
        ["check.summary"] = "Summarise", ["check.acknowledged_before_id"] = "Acknowledge before identifying",
        ["check.no_top_score_request"] = "Not asking for a top score",

        ["mgmt.title"] = "Management summary",
        ["mgmt.subtitle"] = "The figures that matter, and what each department can do",
        ["mgmt.volume"] = "contacts", ["mgmt.naive"] = "naive", ["mgmt.aht"] = "AHT", ["mgmt.abandon"] = "abandoned",
        ["mgmt.fcr"] = "honest FCR", ["mgmt.vsprev"] = "against the previous period",
        ["mgmt.toppareto"] = "Largest contact reasons", ["mgmt.actions"] = "Three actions by department",
        ["mgmt.drivers"] = "What drives detractors", ["mgmt.driver"] = "Driver", ["mgmt.odds"] = "Odds ratio",
        ["mgmt.followups"] = "What the floor told sales, billing and product this month",
        ["mgmt.followups.none"] = "No closed follow-up tasks whose cause lay with another department.",
        ["mgmt.followups.tasks"] = "Closed tasks", ["mgmt.followups.due"] = "Tasks", ["mgmt.followups.closed"] = "Closed",
        ["mgmt.followups.intime"] = "Closed in time", ["mgmt.followups.small"] = "fewer than {0} agents",
        ["closure.called-back-solved"] = "called back and solved", ["closure.compensated"] = "compensated",
        ["closure.not-reachable"] = "not reachable", ["closure.no-action-needed"] = "no action needed",
        ["mgmt.howto"] = "How to read this: headline figures compare with the equally long period before. Honest " +
            "FCR counts a contact as resolved only if the same customer does not contact us again within 5 working " +
            "days. An odds ratio above 1 means a higher chance of a detractor.",

        ["driver.reason"] = "Reason: {0} (compared with {1})",
        ["driver.otherreason"] = "Reason: other reasons (compared with {0})",
        ["driver." + DriverFeatures.EarlierContacts] = "Per earlier contact by the same customer in the {0} days " +
            "before",
        ["driver." + DriverFeatures.WaitTime] = "Per minute of waiting",
        ["driver." + DriverFeatures.HandlingTime] = "Per minute of handling",
        ["driver." + DriverFeatures.Transfers] = "Per transfer",
        ["driver." + DriverFeatures.Interrupted] = "Agent interrupted the customer",
        ["driver." + DriverFeatures.OpenQuestion] = "Open question asked",
        ["driver." + DriverFeatures.Summarised] = "Summarised or checked understanding",
        ["driver." + DriverFeatures.IdentificationFirst] = "Identification asked before acknowledging the problem",
        ["driver." + DriverFeatures.LongSilence] = "Long silence in the call",
        ["driver." + DriverFeatures.TalkListenRatio] = "Per point of the agent's talk/listen ratio",

        ["dept.billing"] = "Billing", ["dept.operations"] = "Operations", ["dept.sales"] = "Sales",
        ["dept.product"] = "Product", ["dept.marketing"] = "Marketing", ["dept.customer-service"] = "Customer service",
    };
}
