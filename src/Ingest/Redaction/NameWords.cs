namespace Analytics.Ingest.Redaction;

/// <summary>Word lists and word shapes that names are judged by (Dutch and English).</summary>
internal static class NameWords
{
    private static readonly string[] Particles =
    [
        "van", "de", "der", "den", "ten", "ter", "von", "el", "le", "la", "da", "di", "dos", "du", "del", "'t", "’t",
    ];

    // Capitalised words that follow a cue ("ik ben Nederlander", "met Energie Direct", "Thanks Team") but are nobody.
    private static readonly string[] NotNames =
    [
        "meneer", "mevrouw", "mevr", "dhr", "mw", "heer", "mr", "mrs", "ms", "miss", "dr", "sir", "madam", "familie", "fam",
        "klant", "klanten", "customer", "caller", "beller", "collega", "colleague", "agent", "medewerker", "team",
        "energie", "direct", "klantenservice", "service", "support", "helpdesk", "afdeling", "department", "billing",
        "facturatie", "incasso", "sales", "bv", "nv", "company", "bedrijf", "the", "het", "een", "a", "an", "and", "en",
        "mijn", "my", "our", "ons", "onze", "uw", "your", "jouw", "hij", "zij", "ze", "he", "she", "they", "we", "wij",
        "ik", "i", "you", "u", "je", "hallo", "hello", "hi", "hoi", "hey", "dag", "goedemorgen", "goedemiddag",
        "goedenavond", "morning", "afternoon", "evening", "welkom", "welcome", "sorry", "not", "niet", "nog", "still",
        "ook", "also", "just", "gewoon", "hier", "here", "there", "daar", "calling", "bellen", "blij", "happy", "dutch",
        "nederlander", "nederlands", "nederlandse", "english", "engels", "german", "duits", "french", "frans", "turks",
        "nederland", "netherlands", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "januari", "februari", "maart",
        "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december", "january",
        "february", "march", "august", "october", "ok", "oke", "oké", "okay", "ja", "nee", "yes", "no", "dank", "thanks",
        "bedankt", "groet", "groeten", "regards", "vriendelijke", "kind", "best", "iban", "factuur", "invoice",
        "contract", "account", "mijnenergie", "app", "website", "whatsapp", "chat", "email", "mail", "e-mail",
        "telefoon", "phone", "kvk", "btw", "vat", "manager", "teamleider", "supervisor", "leidinggevende", "eigenaar", "owner", "dochter",
        "zoon", "moeder", "vader", "partner", "wife", "husband", "son", "daughter", "mother", "father",
    ];

    // Surnames that are no everyday word: a name wherever they stand capitalised, cue or not.
    private static readonly string[] Surnames =
    [
        "jansen", "janssen", "vries", "meijer", "meyer", "peters", "hendriks", "leeuwen", "dekker",
        "dijkstra", "smits", "jacobs", "vermeulen", "willems", "hoekstra", "verhoeven", "huisman", "kuipers",
        "schouten", "heijden", "bruijn", "vliet", "pietersen", "pieterse", "yilmaz", "yılmaz", "amrani",
        "haddou", "ramdin", "hermans", "vermeer", "bosch", "postma", "kramer", "wouters", "timmermans", "evers", "gerritsen",
        "veenstra", "kaya", "demir", "çelik", "celik", "öztürk", "ozturk", "bouzid", "sahin",
        "smith", "johnson", "williams", "jones", "davis", "wilson", "taylor", "anderson", "harris", "thompson", "robinson",
        "clarke", "wright", "walker", "o'connor", "o'brien", "murphy", "kelly",
    ];

    // Surnames that are also words ("de bakker op de hoek", "de koning van Spanje"): a name only capitalised within a
    // sentence or after a particle ("mevrouw de Vries" goes by its cue anyway).
    private static readonly string[] WordSurnames =
    [
        "bakker", "visser", "smit", "mulder", "boer", "groot", "bos", "vos", "kok", "brouwer", "wit", "koster", "prins",
        "maas", "haan", "bruin", "koning", "haas", "klein", "lange", "schipper", "molenaar", "meer", "veen", "wal",
        "visscher", "brink", "kuiper", "dekkers", "jong", "dijk", "berg", "graaf", "linden", "beek", "koopman", "hoek", "dam", "miller", "brown", "white", "green", "baker", "fisher", "king",
    ];

    [Flags]
    public enum Kind
    {
        None = 0,
        Particle = 1,
        NotName = 2,
        Surname = 4,
        WordSurname = 8,
    }

    // One lookup says everything the lists know about a word: the scan asks for each capitalised word.
    private static readonly Dictionary<string, Kind> Kinds = BuildKinds();

    private static readonly Dictionary<string, Kind>.AlternateLookup<ReadOnlySpan<char>> KindLookup =
        Kinds.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, Kind> BuildKinds()
    {
        var kinds = new Dictionary<string, Kind>(StringComparer.OrdinalIgnoreCase);
        foreach (var (words, kind) in new[] { (Particles, Kind.Particle), (NotNames, Kind.NotName), (Surnames, Kind.Surname), (WordSurnames, Kind.WordSurname) })
        {
            foreach (var w in words) kinds[w] = kinds.GetValueOrDefault(w) | kind;
        }
        return kinds;
    }

    public static Kind KindOf(ReadOnlySpan<char> word) => KindLookup.TryGetValue(word, out var kind) ? kind : Kind.None;
    public static bool IsParticle(ReadOnlySpan<char> word) => (KindOf(word) & Kind.Particle) != 0;
    public static bool IsNotName(ReadOnlySpan<char> word) => (KindOf(word) & Kind.NotName) != 0;

    /// <summary>The end of the word starting at <paramref name="i"/>: letters, with inner hyphens and apostrophes.</summary>
    public static int WordEnd(string text, int i)
    {
        // "'t" is a word too.
        if (i < text.Length && text[i] is '\'' or '’') i++;
        while (i < text.Length)
        {
            if (char.IsLetter(text[i])) i++;
            // "Sanne's collega": a possessive is not part of the name.
            else if (text[i] is '\'' or '’' && i + 1 < text.Length && text[i + 1] == 's'
                     && (i + 2 == text.Length || !char.IsLetter(text[i + 2]))) break;
            else if (text[i] is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1])) i++;
            else break;
        }
        return i;
    }

    /// <summary>A capital followed by at least one lower-case letter: "Jansen", "O'Brien", "Yılmaz"; not "IBAN".</summary>
    public static bool IsCapitalised(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || !char.IsUpper(word[0])) return false;
        // "O'Brien" is a name, "I've" and "I'm" are not.
        if (word[1] is '\'' or '’' && (word.Length < 3 || !char.IsUpper(word[2]))) return false;
        // "Prinsjesdag-korting" is a compound; "Lange-de Wit" and "Jansen-Bakker" are names.
        for (var k = word.IndexOf('-'); k >= 0 && k + 1 < word.Length; k = word[(k + 1)..].IndexOf('-') is var n and >= 0 ? k + 1 + n : -1)
        {
            if (!char.IsUpper(word[k + 1]) && !IsParticle(word[(k + 1)..])) return false;
        }
        foreach (var c in word[1..])
        {
            if (char.IsLower(c)) return true;
        }
        return false;
    }

    /// <summary>Does a sentence (or the text, or a line) start at <paramref name="i"/>?</summary>
    public static bool AtSentenceStart(string text, int i)
    {
        var j = i - 1;
        while (j >= 0 && text[j] is ' ' or '\t' or '"' or '\'' or '“' or '‘' or '(' or '-' or '*') j--;
        return j < 0 || text[j] is '.' or '!' or '?' or ':' or ';' or '\n' or '\r';
    }
}
