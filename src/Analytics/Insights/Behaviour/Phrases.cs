using System.Text;

namespace Analytics.Insights.Behaviour;

/// <summary>
/// Dutch and English phrasings the checks look for. Matched on normalised text (lower case, punctuation to spaces,
/// word boundaries), so "Wat vervelend!" and "wat vervelend" match alike. Lists are deliberately short and readable:
/// a supervisor must be able to see why a turn was flagged.
/// </summary>
public static class Phrases
{
    public static readonly string[] OpenQuestionStarts =
        ["wat", "hoe", "waarom", "welke", "waar", "wanneer", "wie", "waarmee", "what", "how", "why", "which", "where", "when", "who"];

    public static readonly string[] OpenQuestionPhrases =
        ["kunt u vertellen", "kunt u uitleggen", "kunt u beschrijven", "vertel eens", "vertelt u eens", "wilt u uitleggen",
         "can you tell me", "could you tell me", "tell me", "can you describe", "could you describe", "could you explain", "can you explain"];

    public static readonly string[] Summary =
        ["als ik het goed begrijp", "als ik u goed begrijp", "begrijp ik goed dat", "begrijp ik het goed", "dus als ik het samenvat",
         "samengevat", "samenvattend", "klopt het dat", "klopt het als ik zeg", "even samenvatten", "even checken of",
         "if i understand correctly", "if i understand you correctly", "so if i understand", "to summarise", "to summarize",
         "just to confirm", "let me make sure", "so what you are saying", "is that right", "did i get that right", "let me recap"];

    public static readonly string[] Acknowledgement =
        ["vervelend", "wat naar", "wat rot", "ik begrijp", "begrijp ik", "dat snap ik", "ik snap", "sorry", "excuses", "goed dat u belt",
         "fijn dat u belt", "ik ga u helpen", "ik help u", "daar help ik", "dat zoeken we uit", "dat gaan we oplossen", "dat lossen we op",
         "sorry to hear", "i understand", "i m sorry", "i am sorry", "frustrating", "i can help", "i ll help", "let me help",
         "we ll sort", "let s sort", "i see what you mean", "that s annoying", "how annoying"];

    public static readonly string[] IdentificationRequest =
        ["postcode", "huisnummer", "geboortedatum", "klantnummer", "contractnummer", "factuurnummer", "uw naam en adres",
         "postal code", "zip code", "postcode and house number", "house number", "date of birth", "customer number", "account number"];

    public static readonly string[] TopScoreRequest =
        ["een 10 geven", "een tien geven", "een 10 geeft", "een tien geeft", "een 9 of 10", "een 9 of een 10", "een negen of tien",
         "een negen of een tien", "een 10 invullen", "een tien invullen", "hoogste score", "een 10 ofzo", "met een 10 beoordelen",
         "give us a 10", "give me a 10", "give us a ten", "give me a ten", "a 9 or 10", "a 9 or a 10", "nine or ten", "9 or 10",
         "10 out of 10", "ten out of ten", "top score", "highest score", "rate us 10", "score of 10", "full marks"];

    /// <summary>Short agent sounds while the customer talks: overlap, but not an interruption.</summary>
    public static readonly HashSet<string> Backchannel =
        ["ja", "jaja", "ja ja", "hm", "hmm", "hmhm", "mm", "mhm", "oke", "ok", "okay", "precies", "klopt", "yes", "yeah", "right", "uh huh", "sure", "ah", "oh"];

    /// <summary>Lower case, letters and digits only, single spaces, padded with a space at both ends.</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append(' ');
        var space = true;
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(ch)) { sb.Append(char.ToLowerInvariant(ch)); space = false; }
            else if (!space) { sb.Append(' '); space = true; }
        }
        if (!space) sb.Append(' ');
        return sb.ToString();
    }

    /// <summary>The first phrase found in already-normalised text (word boundaries respected), or null.</summary>
    public static string? Find(string normalised, IEnumerable<string> phrases)
    {
        foreach (var p in phrases)
            if (normalised.Contains(' ' + p + ' ', StringComparison.Ordinal)) return p;
        return null;
    }

    /// <summary>Position of the first phrase, or −1.</summary>
    public static int IndexOf(string normalised, IEnumerable<string> phrases) =>
        phrases.Select(p => normalised.IndexOf(' ' + p + ' ', StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
}
