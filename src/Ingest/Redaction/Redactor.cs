// Placeholder until the redaction branch lands (replaced wholesale by it).
namespace Analytics.Ingest.Redaction;

public sealed class RedactionCounts
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    public int Total => _counts.Values.Sum();
    public void Increment(string type) => _counts[type] = _counts.GetValueOrDefault(type) + 1;
    public void Add(RedactionCounts other) { foreach (var (k, v) in other._counts) _counts[k] = _counts.GetValueOrDefault(k) + v; }
    public IReadOnlyDictionary<string, int> ToDictionary() => new Dictionary<string, int>(_counts);
}

public sealed class Redactor
{
    public static Redactor Default { get; } = new();
    public string Redact(string text, RedactionCounts counts) => text;
}
