namespace Analytics.Ingest.Redaction;

/// <summary>
/// The agents' names a <see cref="Redactor"/> knows: full names ("Sanne de Vries") and first names alone ("Sanne"),
/// matched case-insensitively on whole words that start with a capital. Learns names while a file is read (the agent
/// column of an export), so it is not thread-safe to learn while another thread redacts.
/// </summary>
internal sealed class AgentNameMatcher
{
    // First names that are everyday words, likely to open a sentence ("Ben je er nog?", "Mark the bill as paid",
    // "Storm in de nacht"): a name only after a cue, in full, or within a sentence.
    private static readonly HashSet<string> WordFirstNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "ben", "mark", "will", "bill", "job", "frank", "guy", "hope", "may", "june", "grace", "lot", "lieve", "grant",
        "pat", "sue", "chase", "art", "rich", "dean", "milan", "wil", "jan", "storm", "summer", "sky", "hoi", "joy", "faith",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WordFirstNameLookup =
        WordFirstNames.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly HashSet<string> _learned = new(StringComparer.Ordinal);
    // First name → the rest of each full name that starts with it, as words.
    private readonly Dictionary<string, List<string[]>> _byFirst = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string[]>>.AlternateLookup<ReadOnlySpan<char>> _byFirstLookup;
    // The last word of each surname ("Vries" of "de Vries"), for "collega de Vries".
    private readonly HashSet<string> _surnames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _surnameLookup;

    public AgentNameMatcher()
    {
        _byFirstLookup = _byFirst.GetAlternateLookup<ReadOnlySpan<char>>();
        _surnameLookup = _surnames.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _learned.Count;

    /// <summary>Adds an agent's name (as the agents table or an export's agent column spells it); cheap when known.</summary>
    public void Learn(string? fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName) || !_learned.Add(fullName)) return;
        var words = fullName.Split([' ', '\t', '.', ','], StringSplitOptions.RemoveEmptyEntries);
        // A bare code or initial ("A001", "K.") names nobody in free text.
        // "Agent 7" or "Team Noord" as a placeholder name makes no word a name.
        if (words.Length == 0 || words[0].Length < 2 || NameWords.IsParticle(words[0]) || !char.IsLetter(words[0][0])
            || NameWords.IsNotName(words[0])) return;
        if (!_byFirst.TryGetValue(words[0], out var rests)) _byFirst[words[0]] = rests = [];
        var rest = words[1..];
        if (!rests.Exists(r => r.AsSpan().SequenceEqual(rest, StringComparer.OrdinalIgnoreCase)))
        {
            rests.Add(rest);
            rests.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        }
        if (rest.Length > 0 && rest[^1].Length >= 2) _surnames.Add(rest[^1]);
    }

    /// <summary>
    /// The end of the agent's name that starts with the word <paramref name="text"/>[start..wordEnd], or -1: the full
    /// name when it follows, else the first name alone. <paramref name="needsCue"/>: a first name that is also a word,
    /// opening a sentence or next to a number ("15 May"), is a name only after a cue.
    /// </summary>
    public int Match(string text, int start, int wordEnd, out bool needsCue)
    {
        needsCue = false;
        if (!_byFirstLookup.TryGetValue(text.AsSpan(start, wordEnd - start), out var rests)) return -1;
        foreach (var rest in rests)
        {
            if (rest.Length == 0) continue;
            var end = FollowedBy(text, wordEnd, rest);
            if (end > 0) return end;
        }
        // "Mark Thompson" is someone else who shares the first name.
        var next = wordEnd + 1 < text.Length && text[wordEnd] == ' ' ? NameWords.WordEnd(text, wordEnd + 1) : wordEnd;
        if (next > wordEnd + 1 && NameWords.IsCapitalised(text.AsSpan(wordEnd + 1, next - wordEnd - 1))
            && !NameWords.IsNotName(text.AsSpan(wordEnd + 1, next - wordEnd - 1))) return -1;
        if (WordFirstNameLookup.Contains(text.AsSpan(start, wordEnd - start)))
        {
            var nearNumber = (wordEnd + 1 < text.Length && char.IsAsciiDigit(text[wordEnd + 1]))
                             || (start >= 2 && char.IsAsciiDigit(text[start - 2]));
            needsCue = nearNumber || NameWords.AtSentenceStart(text, start);
        }
        return wordEnd;
    }

    /// <summary>Is this word the last word of an agent's surname?</summary>
    public bool IsSurname(ReadOnlySpan<char> word) => _surnameLookup.Contains(word);

    /// <summary>Where <paramref name="words"/> end when they follow <paramref name="pos"/>, one space apart; else -1.</summary>
    private static int FollowedBy(string text, int pos, string[] words)
    {
        foreach (var w in words)
        {
            if (pos >= text.Length || text[pos] != ' ') return -1;
            pos++;
            if (pos + w.Length > text.Length || !text.AsSpan(pos, w.Length).Equals(w, StringComparison.OrdinalIgnoreCase)) return -1;
            pos += w.Length;
        }
        return pos < text.Length && char.IsLetter(text[pos]) ? -1 : pos;
    }
}
