namespace Analytics.Ingest.Redaction;

/// <summary>
/// Replaces personal data in free text (agent notes, transcript turns, survey comments; Dutch and English) with typed
/// placeholders such as <c>[EMAIL]</c> before the text is stored. <see cref="Default"/> knows no agents and is
/// thread-safe; one made by <see cref="ForAgents"/> is thread-safe too, until it learns a name while others redact.
/// </summary>
/// <remarks>
/// Most texts hold no personal data, so cheap scans decide first which detectors can possibly match: '@' for
/// e-mail, and one pass over the digit clusters (<see cref="DigitClusters"/>) after which each number detector
/// runs its pattern only where a cluster could hold its kind of number. A text without hits comes back as the
/// same instance.
/// Detectors run in a fixed order and a later detector never takes a span that overlaps an earlier hit, so the
/// checksum-backed types (IBAN, card) win over the looser shapes (phone, BSN, postcode), and names come last.
/// </remarks>
public sealed class Redactor
{
    public static Redactor Default { get; } = new(null);

    private readonly AgentNameMatcher? _agents;

    private Redactor(AgentNameMatcher? agents) => _agents = agents;

    /// <summary>A redactor that also knows these agents (full names as the agents table holds them).</summary>
    public static Redactor ForAgents(IEnumerable<string?> agentNames)
    {
        ArgumentNullException.ThrowIfNull(agentNames);
        var agents = new AgentNameMatcher();
        foreach (var name in agentNames) agents.Learn(name);
        return new Redactor(agents);
    }

    /// <summary>How many distinct agent names this redactor knows.</summary>
    public int KnownAgents => _agents?.Count ?? 0;

    /// <summary>
    /// Adds an agent's name met while loading (an export's agent column), for this row and the rows after it. Cheap
    /// for a name already known; not for <see cref="Default"/>, which is shared.
    /// </summary>
    public void LearnAgent(string? name)
    {
        if (_agents is null) throw new InvalidOperationException("the default redactor knows no agents; use Redactor.ForAgents");
        _agents.Learn(name);
    }

    /// <summary>
    /// Returns <paramref name="text"/> with every detected span replaced by its placeholder and adds the spans to
    /// <paramref name="counts"/>. Returns the same string instance when nothing is found.
    /// </summary>
    public string Redact(string text, RedactionCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (string.IsNullOrEmpty(text)) return text;

        var hits = new HitList();
        Find(text, ref hits);
        if (hits.Count == 0) return text;

        var found = hits.Sorted();
        var length = text.Length;
        foreach (var h in found)
        {
            length += h.Type.Placeholder().Length - (h.End - h.Start);
            counts.Increment(h.Type);
        }
        return string.Create(length, (text, found), static (dest, state) =>
        {
            var (source, spans) = state;
            var from = 0;
            foreach (var h in spans)
            {
                source.AsSpan(from, h.Start - from).CopyTo(dest);
                dest = dest[(h.Start - from)..];
                var placeholder = h.Type.Placeholder();
                placeholder.CopyTo(dest);
                dest = dest[placeholder.Length..];
                from = h.End;
            }
            source.AsSpan(from).CopyTo(dest);
        });
    }

    internal void Find(string text, ref HitList hits)
    {
        var span = text.AsSpan();
        if (span.Contains('@')) ContactDetectors.FindEmails(text, ref hits);
        if (span.IndexOfAnyInRange('0', '9') >= 0) FindNumbers(text, ref hits);
        NameDetector.Find(text, _agents, ref hits);
    }

    private static void FindNumbers(string text, ref HitList hits)
    {
        var span = text.AsSpan();

        Span<DigitCluster> buffer = stackalloc DigitCluster[DigitClusters.StackLimit];
        var n = DigitClusters.Scan(span, buffer);
        ReadOnlySpan<DigitCluster> clusters = buffer[..Math.Min(n, buffer.Length)];
        if (n > buffer.Length)
        {
            // Long transcripts with many numbers: rare enough to allocate for.
            var all = new DigitCluster[n];
            DigitClusters.Scan(span, all);
            clusters = all;
        }

        NumberDetectors.FindIbans(text, clusters, ref hits);
        NumberDetectors.FindCards(text, clusters, ref hits);
        // Dates of birth written with a month name ("3 mei 1980") can have few digits.
        BirthDateDetector.Find(text, ref hits);
        ContactDetectors.FindPhones(text, clusters, ref hits);
        NumberDetectors.FindBsns(text, clusters, ref hits);
        AddressDetector.FindPostcodes(text, clusters, ref hits);
        AddressDetector.FindStreets(text, clusters, ref hits);
    }
}

internal readonly record struct Hit(int Start, int End, PiiType Type);

/// <summary>Accepted spans of one text; allocates only once something is found.</summary>
internal struct HitList
{
    private List<Hit>? _items;

    public readonly int Count => _items?.Count ?? 0;

    public readonly bool Overlaps(int start, int end)
    {
        if (_items is null) return false;
        foreach (var h in _items)
        {
            if (start < h.End && h.Start < end) return true;
        }
        return false;
    }

    /// <summary>Adds the span unless it overlaps an earlier (higher-priority) hit; says whether it was added.</summary>
    public bool TryAdd(int start, int end, PiiType type)
    {
        if (end <= start || Overlaps(start, end)) return false;
        (_items ??= new List<Hit>(2)).Add(new Hit(start, end, type));
        return true;
    }

    public readonly List<Hit> Sorted()
    {
        var list = _items ?? [];
        list.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return list;
    }
}
