using Analytics.Classification;

namespace Analytics.Tests.Classification;

/// <summary>Small hand-written training sets: agent notes per contact reason, and Dutch sentiment sentences.</summary>
internal static class Fixtures
{
    private static readonly Dictionary<string, string[]> ReasonPhrases = new()
    {
        ["factuur"] =
        [
            "klant heeft een vraag over de factuur", "factuur klopt niet", "bedrag op de rekening is te hoog", "dubbel gefactureerd",
            "wil uitleg over de kosten op de nota", "creditnota aangevraagd voor de factuur", "invoice amount is wrong", "charged twice on my bill",
        ],
        ["verhuizing"] =
        [
            "klant gaat verhuizen", "nieuw adres doorgegeven", "adreswijziging per volgende maand", "verhuist naar een andere stad",
            "wil de aansluiting meenemen naar het nieuwe huis", "postadres aanpassen", "moving house next month", "please update my address",
        ],
        ["opzeggen"] =
        [
            "klant wil het abonnement opzeggen", "contract beëindigen", "opzegging per einde looptijd", "wil stoppen met het abonnement",
            "zegt op wegens prijsverhoging", "vraagt naar de opzegtermijn", "cancel my subscription", "I want to end my contract",
        ],
        ["storing"] =
        [
            "internet werkt niet", "geen verbinding sinds vanochtend", "modem knippert rood", "tv beeld valt steeds weg",
            "wifi is erg traag", "storing in de wijk gemeld", "no internet connection at all", "router keeps dropping the signal",
        ],
        ["betaling"] =
        [
            "incasso mislukt op [IBAN]", "betaling teruggestort door de bank", "wil betalen in termijnen", "betaalherinnering ontvangen",
            "automatische afschrijving wijzigen", "heeft al betaald maar kreeg een aanmaning", "direct debit failed", "I want a payment plan",
        ],
        ["wachtwoord"] =
        [
            "kan niet inloggen op mijn omgeving", "wachtwoord vergeten", "account geblokkeerd na drie pogingen", "resetlink komt niet aan op [EMAIL]",
            "inlogcode werkt niet", "tweestapsverificatie lukt niet", "forgot my password", "cannot log in to the app",
        ],
    };

    private static readonly string[] Openers = ["", "klant belt: ", "mevrouw geeft aan: ", "meneer zegt ", "chat: ", "terugbelverzoek, "];
    private static readonly string[] Closers = ["", ", teruggebeld op [PHONE]", ", opgelost", ", doorgezet naar 2e lijn", " sinds 12 maart", ", ticket 48213"];

    /// <summary><paramref name="perClass"/> notes for each of the six reasons, deterministic for a seed.</summary>
    public static List<LabelledText> ReasonNotes(int perClass, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<LabelledText>();
        foreach (var (label, phrases) in ReasonPhrases)
            for (var i = 0; i < perClass; i++)
            {
                var first = phrases[rng.Next(phrases.Length)];
                var text = Openers[rng.Next(Openers.Length)] + first + Closers[rng.Next(Closers.Length)];
                if (rng.Next(3) == 0) text += " en " + phrases[rng.Next(phrases.Length)];
                rows.Add(new LabelledText(rng.Next(4) == 0 ? text.ToUpperInvariant() : text, label));
            }
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        return rows;
    }

    /// <summary>Texts that are about none of the six reasons.</summary>
    public static readonly string[] OutOfScope =
    [
        "wat is het recept voor appeltaart met kaneel",
        "wie heeft het wk voetbal gewonnen",
        "hoe laat vertrekt de trein naar amsterdam",
        "mijn hond blaft de hele nacht naar de buren",
        "welke bloemen bloeien vroeg in het voorjaar",
        "the weather forecast says heavy snow tomorrow",
        "recommend a good novel about sailing",
        "hoeveel kost een kilo aardappelen op de markt",
        "de fietsband is lek na de vakantie",
        "what time does the museum open on sunday",
    ];

    private static readonly string[] Subjects =
        ["het eten", "de bediening", "de medewerker", "de service", "de pizza", "het personeel", "de levering", "de helpdesk", "het terras", "de prijs"];
    private static readonly string[] Positive =
        ["was heerlijk", "was erg vriendelijk", "was top", "was uitstekend", "verdient een pluim", "was super snel", "was geweldig", "was fantastisch, echt een aanrader"];
    private static readonly string[] Negative =
        ["was slecht", "was onbeleefd", "was waardeloos", "was veel te duur", "was een grote teleurstelling", "was traag en ongeïnteresseerd", "was vies", "deed niet wat beloofd was"];
    private static readonly string[] Neutral =
        ["was gewoon gemiddeld", "was zoals verwacht", "was niet bijzonder", "was oké, niets meer", "was redelijk", "was normaal", "was standaard", "was acceptabel"];

    /// <summary>Dutch sentences with negative|neutral|positive sentiment.</summary>
    public static List<LabelledText> DutchSentiment(int perClass, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<LabelledText>();
        foreach (var (label, phrases) in new[] { (SentimentLabels.Positive, Positive), (SentimentLabels.Negative, Negative), (SentimentLabels.Neutral, Neutral) })
            for (var i = 0; i < perClass; i++)
            {
                var s = Subjects[rng.Next(Subjects.Length)];
                var text = $"{char.ToUpperInvariant(s[0])}{s[1..]} {phrases[rng.Next(phrases.Length)]}" + (rng.Next(2) == 0 ? "." : "!");
                rows.Add(new LabelledText(text, label));
            }
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        return rows;
    }
}
