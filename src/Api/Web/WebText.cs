using Analytics.Reports;

namespace Analytics.Api.Web;

/// <summary>The pages' words in Dutch and English; what the PDF reports already say (reason, share…) comes from them.</summary>
internal sealed partial class WebText(ReportLanguage lang)
{
    public ReportLanguage Lang { get; } = lang;
    public string this[string key] =>
        (Lang.Code == "en" ? English : Dutch).TryGetValue(key, out var s)
        || (Lang.Code == "en" ? DataEnglish : DataDutch).TryGetValue(key, out s)
        || (Lang.Code == "en" ? ViewsEnglish : ViewsDutch).TryGetValue(key, out s)
        || (Lang.Code == "en" ? LoopsEnglish : LoopsDutch).TryGetValue(key, out s) ? s : Lang[key];

    public static WebText Of(HttpContext http) => new(WebLanguage.Of(http));

    private static readonly Dictionary<string, string> Dutch = new()
    {
        ["app"] = "Analytics", ["nav"] = "Hoofdmenu", ["home"] = "Start", ["reasons"] = "Redenen",
        ["signout"] = "Afmelden", ["signedin"] = "Aangemeld als {0} ({1})", ["norole"] = "geen rol",
        ["language"] = "Taal",
        ["home.title"] = "Welkom", ["home.intro"] = "Kies een pagina. Elke pagina toont wat de API aan uw rol geeft.",
        ["refused.title"] = "Niet voor uw rol",
        // {1}, the access matrix's meaning of the rule, exists in English only: a Dutch page names the roles alone.
        ["refused.text"] = "Deze pagina is voor de rollen {0}. U bent aangemeld met de rol '{2}'.",
        ["signin.title"] = "Aanmelden", ["signin.off"] =
            "Aanmelden is niet ingesteld: zet Web:OpenIdConnect:Authority (zie de README, 'Webpagina's').",
        ["filters"] = "Filters", ["from"] = "Van", ["to"] = "Tot en met", ["team"] = "Team", ["channel"] = "Kanaal",
        ["queue"] = "Wachtrij", ["contactlanguage"] = "Taal van het contact", ["any"] = "alle", ["show"] = "Tonen",
        ["pareto.caption"] = "Contacten per reden, {0} tot en met {1}", ["suppressed"] = "verborgen (te weinig medewerkers)",
        ["chart.alt"] = "Paretodiagram van de contactredenen; dezelfde cijfers staan in de tabel.",
        ["errors"] = "Deze filters kunnen niet", ["trend"] = "Verloop per week", ["week"] = "Week",
        ["examples"] = "Voorbeeldcontacten", ["started"] = "Begonnen", ["notes"] = "Notities (geredigeerd)",
        ["reason.back"] = "Terug naar alle redenen", ["notfound"] = "Dit bestaat niet (meer).",
        ["contact"] = "Contact", ["transcript"] = "Gesprek", ["predictions"] = "Voorspellingen", ["behaviour"] = "Gedragscontroles",
        ["surveys"] = "Enquêtes", ["correct"] = "Reden corrigeren", ["correct.save"] = "Opslaan als label",
        ["corrected"] = "De reden is gecorrigeerd; de correctie is een label voor het redenmodel.",
        ["corrected.to"] = "Nieuwe reden", ["corrected.from"] = "Vorige reden", ["corrected.at"] = "Gecorrigeerd op",
        ["corrections"] = "Correcties", ["hidden.transcript"] = "Het gesprek is voor uw rol verborgen (privacyschakelaar).",
        ["speaker"] = "Spreker", ["text"] = "Tekst", ["kind"] = "Soort", ["label"] = "Label", ["confidence"] = "Zekerheid",
        ["finding"] = "Bevinding", ["sentiment"] = "Sentiment van de klant: begin {0}, eind {1}", ["score"] = "Score",
        ["comment"] = "Opmerking", ["interval.week"] = "Week", ["interval.month"] = "Maand",
    };

    private static readonly Dictionary<string, string> English = new()
    {
        ["app"] = "Analytics", ["nav"] = "Main menu", ["home"] = "Start", ["reasons"] = "Reasons",
        ["signout"] = "Sign out", ["signedin"] = "Signed in as {0} ({1})", ["norole"] = "no role",
        ["language"] = "Language",
        ["home.title"] = "Welcome", ["home.intro"] = "Choose a page. Every page shows what the API gives your role.",
        ["refused.title"] = "Not for your role",
        ["refused.text"] = "This page is for the {0} roles: {1}. You are signed in with the role '{2}'.",
        ["signin.title"] = "Sign in", ["signin.off"] =
            "Sign-in is not configured: set Web:OpenIdConnect:Authority (see the README, 'Web pages').",
        ["filters"] = "Filters", ["from"] = "From", ["to"] = "To (inclusive)", ["team"] = "Team", ["channel"] = "Channel",
        ["queue"] = "Queue", ["contactlanguage"] = "Language of the contact", ["any"] = "any", ["show"] = "Show",
        ["pareto.caption"] = "Contacts per reason, {0} to {1}", ["suppressed"] = "hidden (too few agents)",
        ["chart.alt"] = "Pareto chart of the contact reasons; the table holds the same figures.",
        ["errors"] = "These filters cannot be used", ["trend"] = "Trend per week", ["week"] = "Week",
        ["examples"] = "Example contacts", ["started"] = "Started", ["notes"] = "Notes (redacted)",
        ["reason.back"] = "Back to all reasons", ["notfound"] = "This does not exist (any more).",
        ["contact"] = "Contact", ["transcript"] = "Transcript", ["predictions"] = "Predictions", ["behaviour"] = "Behaviour checks",
        ["surveys"] = "Surveys", ["correct"] = "Correct the reason", ["correct.save"] = "Save as a label",
        ["corrected"] = "The reason is corrected; the correction is a label for the reason model.",
        ["corrected.to"] = "New reason", ["corrected.from"] = "Previous reason", ["corrected.at"] = "Corrected at",
        ["corrections"] = "Corrections", ["hidden.transcript"] = "The transcript is hidden for your role (privacy switch).",
        ["speaker"] = "Speaker", ["text"] = "Text", ["kind"] = "Kind", ["label"] = "Label", ["confidence"] = "Confidence",
        ["finding"] = "Finding", ["sentiment"] = "Customer sentiment: start {0}, end {1}", ["score"] = "Score",
        ["comment"] = "Comment", ["interval.week"] = "Week", ["interval.month"] = "Month",
    };

    public string Format(string key, params object?[] args) => string.Format(Lang.Culture, this[key], args);
}
