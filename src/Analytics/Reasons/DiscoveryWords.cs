using Analytics.Classification;

namespace Analytics.Reasons;

/// <summary>
/// The words a candidate reason is named by and clustered on: normalised text without Dutch and English stop words,
/// the centre's wrap-up phrasing ("klant belt", "opgelost"), numbers and redaction placeholders, which every reason
/// shares and which would otherwise name every cluster.
/// </summary>
public static class DiscoveryWords
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        // Dutch function words.
        "de", "het", "een", "en", "of", "maar", "dat", "die", "dit", "deze", "er", "is", "was", "zijn", "wordt", "worden",
        "in", "op", "aan", "voor", "van", "met", "bij", "naar", "om", "over", "uit", "tot", "te", "als", "dan", "ook",
        "niet", "geen", "wel", "nog", "al", "nu", "zo", "ik", "je", "u", "uw", "hij", "zij", "ze", "we", "wij", "mijn",
        "hem", "haar", "hun", "wil", "kan", "kon", "moet", "heeft", "heb", "had", "hebben", "gaat", "ivm", "via", "toe",
        "door", "zelfde", "hier", "daar", "waar", "wat", "wie", "hoe", "zou", "graag", "even", "meer", "veel", "keer",
        // English function words.
        "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "for", "with", "at", "by", "from", "is", "are",
        "was", "be", "been", "it", "its", "this", "that", "i", "my", "me", "you", "your", "we", "our", "they", "can",
        "cannot", "not", "no", "do", "does", "did", "have", "has", "had", "will", "would", "how", "what", "why", "when",
        "there", "about", "am", "if", "so", "get", "got", "still", "yet", "just", "want", "need", "please", "like", "use",
        "make", "take", "us", "as", "through", "some", "any", "all", "should", "could", "which", "who", "here", "way",
        "know", "tell", "help", "able", "being", "were", "much", "many", "also", "only", "very", "really", "one", "im",
        "ive", "dont", "cant", "didnt", "doesnt", "isnt", "wasnt", "hasnt", "havent", "wont", "into", "out", "up", "off",
        "again", "then", "than", "too", "these", "those", "them", "their", "his", "her", "she", "he", "him", "where",
        "done", "go", "going", "see", "seems", "ok", "hi", "hello", "thanks", "thank", "would", "does", "happens",
        "happened", "mine", "now", "did", "been", "has",
        // Wrap-up phrasing every reason shares.
        "klant", "kl", "belt", "beller", "meldt", "geeft", "vraag", "chat", "mail", "e", "opgelost", "uitgelegd",
        "akkoord", "afgehandeld", "tevreden", "afgesloten", "info", "gegeven", "terugbelverzoek", "aangemaakt", "collega",
        "terugbellen", "teruggebeld", "morgen", "tbv", "uitgezet", "backoffice", "doorverbonden", "tweede", "lijn",
        "doorgezet", "overgedragen", "specialist", "ticket", "herhaalcontact", "eerder", "contact", "issue", "customer",
        "calls", "called", "agent", "kwam", "binnen", "verkeerde", "wachtrij", "verkeerd", "doorgeschakeld", "andere",
        "afdeling", "binnengekomen", "uitzoeken", "klanten", "klantnummer",
    };

    /// <summary>The content words of a text, in order (normalised; placeholders, numbers and stop words removed).</summary>
    public static IEnumerable<string> Tokens(string? text)
    {
        foreach (var token in TextNormaliser.Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (token.Length > 1 && token[0] != '[' && !Stop.Contains(token) && !token.All(char.IsDigit)) yield return token;
    }

    /// <summary>The text a clusterer sees: its content words joined by spaces.</summary>
    public static string Content(string? text) => string.Join(' ', Tokens(text));

    /// <summary>
    /// The <paramref name="count"/> words and two-word phrases most distinctive of <paramref name="members"/> against
    /// <paramref name="background"/>: smoothed log-odds of the share of texts using them, weighted by how many members
    /// do, so a word every reason uses scores nothing and a rare typo scores little.
    /// </summary>
    public static IReadOnlyList<string> Distinctive(IReadOnlyList<string> members, IReadOnlyList<string> background, int count = 5)
    {
        var inside = DocumentFrequency(members);
        var outside = DocumentFrequency(background);
        double n = Math.Max(1, members.Count), m = Math.Max(1, background.Count);
        var scored = inside
            .Where(kv => kv.Value >= Math.Max(2, 0.1 * members.Count))
            .Select(kv =>
            {
                var pIn = (kv.Value + 0.5) / (n + 1);
                var pOut = (outside.GetValueOrDefault(kv.Key) + 0.5) / (m + 1);
                return (Term: kv.Key, Score: Math.Log(pIn / pOut) * pIn);
            })
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Term, StringComparer.Ordinal)
            .ToList();
        return DistinctTerms(scored.Select(s => s.Term), count);
    }

    // Longer chains read as sentences, not names.
    private const int MaxPhraseWords = 3;

    /// <summary>
    /// The first <paramref name="count"/> of <paramref name="ranked"/> words and phrases, no word twice: a phrase
    /// says more than its words alone, so it replaces a word it holds; two phrases that chain ("meter storing" and
    /// "slimme meter") become one ("slimme meter storing", up to three words); a phrase otherwise sharing a word with one already
    /// chosen, or repeating a word within itself ("factuur factuur"), adds nothing and is skipped.
    /// </summary>
    public static IReadOnlyList<string> DistinctTerms(IEnumerable<string> ranked, int count)
    {
        var chosen = new List<string[]>();
        foreach (var term in ranked)
        {
            if (chosen.Count == count) break;
            var words = term.Split(' ');
            if (words.Distinct(StringComparer.Ordinal).Count() < words.Length) continue;
            var sharing = chosen.Where(c => c.Intersect(words, StringComparer.Ordinal).Any()).ToList();
            var phrases = sharing.Where(c => c.Length > 1).ToList();
            if (words.Length == 1 && sharing.Count > 0) continue;
            if (phrases.Count > 1) continue;
            if (phrases.Count == 1)
            {
                var c = phrases[0];
                var chained = c[^1] == words[0] ? [.. c, .. words[1..]] : words[^1] == c[0] ? [.. words, .. c[1..]] : (string[]?)null;
                if (chained is null || chained.Length > MaxPhraseWords || chained.Distinct(StringComparer.Ordinal).Count() < chained.Length)
                    continue;
                chosen[chosen.IndexOf(c)] = chained;
                words = chained;
            }
            else chosen.Add(words);
            chosen.RemoveAll(c => c.Length == 1 && words.Length > 1 && words.Contains(c[0]));
        }
        return chosen.Select(c => string.Join(' ', c)).ToList();
    }

    private static Dictionary<string, int> DocumentFrequency(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var words = Tokens(text).ToList();
            var terms = new HashSet<string>(words, StringComparer.Ordinal);
            for (var i = 1; i < words.Count; i++) terms.Add(words[i - 1] + " " + words[i]);
            foreach (var t in terms) counts[t] = counts.GetValueOrDefault(t) + 1;
        }
        return counts;
    }
}
