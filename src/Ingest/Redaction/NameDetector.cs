using System.Buffers;
using System.Text.RegularExpressions;

namespace Analytics.Ingest.Redaction;

/// <summary>
/// People's names. Every name starts with a capitalised word, so only those are looked at, each once:
/// <list type="number">
/// <item>a known agent's full name or first name → <see cref="PiiType.Agent"/> (also "collega de Vries");</item>
/// <item>a name after a cue: a title ("mevrouw", "dhr.", "Mrs"), an introduction ("mijn naam is", "u spreekt met",
/// "this is", "I'm"), a label ("t.n.v.", "contactpersoon:"), a relation ("haar zoon"), a greeting or a signature
/// ("Beste", "Met vriendelijke groet,") or "met" opening a call turn → <see cref="PiiType.Name"/>, with initials,
/// first names and particles ("dhr. J. van der Berg");</item>
/// <item>a common surname without a cue ("Jansen belt terug"); surnames that are also words ("Bakker", "Visser",
/// "de Vries") only within a sentence or after a particle, so "de bakker op de hoek" stays.</item>
/// </list>
/// Names without a cue and not on the surname list ("Piet belde") are missed: the labelled set measures how often.
/// </summary>
internal static partial class NameDetector
{
    private const int Window = 56;

    private static readonly SearchValues<char> Capitals =
        SearchValues.Create(Enumerable.Range(0, 0x250).Select(c => (char)c).Where(char.IsUpper).ToArray());

    private static readonly HashSet<string> ColleagueWords =
        new(["collega", "colleague", "medewerker", "medewerkster", "agent"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ColleagueLookup =
        ColleagueWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static void Find(string text, AgentNameMatcher? agents, ref HitList hits)
    {
        var i = 0;
        while (i < text.Length)
        {
            var k = text.AsSpan(i).IndexOfAny(Capitals);
            if (k < 0) return;
            i += k;
            var end = NameWords.WordEnd(text, i);
            if (end == i) end = i + 1;
            // Inside a word, a handle, a path or a code ("jdeVries", "@Jan_Energie", "NL91ABNA").
            if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '@' or '_' or '/'))
            {
                i = end;
                continue;
            }
            var word = text.AsSpan(i, end - i);
            if (!NameWords.IsCapitalised(word) || NameWords.IsParticle(word) || hits.Overlaps(i, end))
            {
                i = end;
                continue;
            }
            i = Math.Max(end, Match(text, i, end, agents, ref hits));
        }
    }

    /// <summary>Judges the capitalised word text[start..end]; answers where scanning goes on.</summary>
    private static int Match(string text, int start, int end, AgentNameMatcher? agents, ref HitList hits)
    {
        var word = text.AsSpan(start, end - start);
        // The cue pattern is the dearest check: run it only when an answer depends on it, and never for a text's first word.
        var cue = -2;
        int CueAt() => cue == -2 ? cue = start == 0 ? -1 : CueStart(text, start) : cue;

        if (agents is not null)
        {
            var agentEnd = agents.Match(text, start, end, out var needsCue);
            if (agentEnd > 0 && (!needsCue || CueAt() >= 0) && hits.TryAdd(start, agentEnd, PiiType.Agent)) return agentEnd;
            if (agents.IsSurname(word) && CueAt() >= 0 && PreviousWordIs(text, cue, ColleagueLookup)
                && hits.TryAdd(cue, end, PiiType.Agent)) return end;
        }
        var kind = NameWords.KindOf(word);
        if (CueAt() >= 0)
        {
            var nameEnd = NameEnd(text, cue);
            if (nameEnd > start && hits.TryAdd(cue, nameEnd, PiiType.Name)) return nameEnd;
        }
        if ((kind & (NameWords.Kind.Surname | NameWords.Kind.WordSurname)) == 0 || (kind & NameWords.Kind.NotName) != 0) return end;
        var from = ExtendLeft(text, start, out var particle);
        if ((kind & NameWords.Kind.Surname) != 0 || particle || !NameWords.AtSentenceStart(text, start))
        {
            var nameEnd = Math.Max(end, NameEnd(text, start));
            hits.TryAdd(from, nameEnd, PiiType.Name);
            return nameEnd;
        }
        return end;
    }

    /// <summary>Where a name that includes the word at <paramref name="start"/> begins after a cue, or -1.</summary>
    private static int CueStart(string text, int start)
    {
        var from = Math.Max(0, start - Window);
        var window = text.AsSpan(from, start - from);
        foreach (var m in Cue().EnumerateMatches(window)) return from + m.Index + m.Length;
        if (from == 0)
        {
            foreach (var m in TurnStart().EnumerateMatches(window)) return m.Index + m.Length;
        }
        return -1;
    }

    /// <summary>
    /// The end of a name starting at <paramref name="pos"/>: initials, then up to four capitalised words and particles
    /// one space apart, ending in a capitalised word that is not a known non-name ("Kees de Vries van Energie Direct" →
    /// "Kees de Vries"); -1 when there is none.
    /// </summary>
    private static int NameEnd(string text, int pos)
    {
        var lastEnd = -1;
        var words = 0;
        while (pos < text.Length && words < 4)
        {
            if (pos + 1 < text.Length && char.IsUpper(text[pos]) && text[pos + 1] == '.')
            {
                pos += 2;
                if (pos < text.Length && text[pos] == ' ') pos++;
                continue;
            }
            var end = NameWords.WordEnd(text, pos);
            var word = text.AsSpan(pos, end - pos);
            if (word.IsEmpty) break;
            if (!NameWords.IsParticle(word))
            {
                if (!NameWords.IsCapitalised(word) || NameWords.IsNotName(word)) break;
                lastEnd = end;
                words++;
            }
            if (end + 1 >= text.Length || text[end] != ' ' || !(char.IsLetter(text[end + 1]) || text[end + 1] is '\'' or '’')) break;
            pos = end + 1;
        }
        return lastEnd;
    }

    /// <summary>
    /// Where a cue-less surname's name starts: over the particles before it ("de Jong", "Van Dijk", "van der Meer"),
    /// then initials or one first name within the sentence ("heeft Piet Jansen gebeld", "K. Smits"). A lone lower-case
    /// "van" belongs to the name only after a first name or initials: "de rekening van Jansen" is Jansen's.
    /// <paramref name="particle"/> says whether the name includes a particle.
    /// </summary>
    private static int ExtendLeft(string text, int start, out bool particle)
    {
        var from = start;
        var particles = 0;
        var loneVan = false;
        int wordStart;
        while ((wordStart = WordBefore(text, from)) >= 0 && NameWords.IsParticle(text.AsSpan(wordStart, from - 1 - wordStart)))
        {
            loneVan = particles == 0 && text.AsSpan(wordStart, from - 1 - wordStart) is "van" or "von";
            if (particles > 0) loneVan = false;
            particles++;
            from = wordStart;
        }
        var named = from;
        if (from >= 3 && text[from - 1] == ' ' && text[from - 2] == '.')
        {
            // Initials: "K. ", "J.M. ".
            var j = from - 2;
            while (j >= 1 && text[j] == '.' && char.IsUpper(text[j - 1]) && (j < 2 || !char.IsLetter(text[j - 2]))) j -= 2;
            named = j + 1 < from - 2 ? j + 1 : from;
        }
        else if ((wordStart = WordBefore(text, from)) >= 0)
        {
            var word = text.AsSpan(wordStart, from - 1 - wordStart);
            if (NameWords.IsCapitalised(word) && !NameWords.IsNotName(word) && !NameWords.IsParticle(word)
                && !NameWords.AtSentenceStart(text, wordStart)) named = wordStart;
        }
        if (named == from && loneVan && particles == 1)
        {
            particle = false;
            return start;
        }
        particle = particles > 0;
        return named;
    }

    /// <summary>The start of the word that ends one space before <paramref name="pos"/>, or -1.</summary>
    private static int WordBefore(string text, int pos)
    {
        var j = pos - 2;
        if (j < 0 || text[pos - 1] != ' ' || !char.IsLetter(text[j])) return -1;
        while (j > 0 && (char.IsLetter(text[j - 1]) || text[j - 1] is '\'' or '’')) j--;
        return j;
    }

    private static bool PreviousWordIs(string text, int pos, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> words)
    {
        var j = pos - 1;
        while (j >= 0 && !char.IsLetter(text[j])) j--;
        var end = j + 1;
        while (j >= 0 && char.IsLetter(text[j])) j--;
        return end > j + 1 && words.Contains(text.AsSpan(j + 1, end - j - 1));
    }

    private const string Particles = @"(?:van|de|der|den|ten|ter|von|el|le|la|da|di|dos|du|del|['’]t)";

    // What may stand between a cue and the first capitalised word of the name: initials and particles.
    private const string BeforeName = @"(?=(?:\p{Lu}\.[ \t]?)*(?:" + Particles + @"[ \t]+){0,3}\z)";

    private const string Titles =
        @"meneer|mevrouw|mevr\.?|mw\.|dhr\.?|de\s+heer|heer|juffrouw|fam\.|familie|(?-i:Mr|Mrs|Ms|Miss|Dr|Sir|Madam)\.?";

    private const string Introductions =
        @"naam\s+is|name\s+is|name['’]s|ik\s+ben|ik\s+heet|heet|heten|genaamd|(?:u|je|jij)\s+(?:spreekt|chat|belt)\s+met"
        + @"|spreek\s+ik\s+met|hier\s+is|this\s+is|i\s+am|i['’]m|(?:speaking|talking|chatting)\s+(?:to|with)"
        + @"|spoke\s+(?:to|with)|talked\s+to|call\s+me|called|noem\s+me|(?:gesproken|gebeld|contact|overleg|overlegd|gemaild|gechat)\s+met";

    private const string Labels =
        @"naam|name|klantnaam|voornaam|achternaam|surname|contactpersoon|contact\s+person|t\.?n\.?v\.?|ten\s+name\s+van"
        + @"|(?:naam|name)\s+\p{L}+:|op\s+naam\s+van|in\s+the\s+name\s+of|t\.?a\.?v\.?|attn\.?|rekeninghouder|account\s+holder|namens|on\s+behalf\s+of"
        + @"|(?:vraagt|vroeg|vragen)\s+naar|asked\s+for";

    private const string Relations =
        @"zoon|dochter|man|vrouw|echtgeno(?:ot|te)|partner|moeder|vader|broer|zus|buurman|buurvrouw|husband|wife|son|daughter"
        + @"|mother|father|brother|sister|neighbou?r|klant|customer|caller|beller|collega|colleague|medewerker|medewerkster|agent";

    private const string Greetings =
        @"beste|geachte|dear|hi|hallo|hoi|hello|hey|goedemorgen|goedemiddag|goedenavond|good\s+(?:morning|afternoon|evening)"
        + @"|(?:met\s+)?(?:vriendelijke|hartelijke)\s+groet(?:en)?|groet(?:en|jes)?|mvg|gr\.|(?:kind|best|warm)\s+regards|regards"
        + @"|best\s+wishes|(?:many\s+)?thanks|thank\s+you|cheers|sincerely|dank\s+je(?:wel)?|bedankt";

    [GeneratedRegex(@"\b(?:" + Titles + "|" + Introductions + "|" + Labels + "|" + Relations + "|" + Greetings + @")"
                    + @"(?:[,:!]?\s+|[,:]|(?<=\.))" + BeforeName,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Cue();

    // "Met Jansen." / "Goedemiddag, met Piet de Vries": how a caller answers or opens a turn.
    [GeneratedRegex(@"\A\s*(?:(?:goede(?:morgen|middag|navond)|hallo|hoi|dag|ja|hey|hi|hello)[,!.]?\s+)?met\s+" + BeforeName,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TurnStart();
}
