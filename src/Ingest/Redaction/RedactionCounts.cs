namespace Analytics.Ingest.Redaction;

/// <summary>
/// How many spans of each type were redacted. Not thread-safe: keep one per batch or worker and merge with
/// <see cref="Add"/>; the redactor itself is stateless.
/// </summary>
public sealed class RedactionCounts
{
    private readonly int[] _counts = new int[PiiTypes.Count];

    public int this[PiiType type] => _counts[(int)type];

    public int Total => _counts.Sum();

    public void Increment(PiiType type, int by = 1) => _counts[(int)type] += by;

    public void Add(RedactionCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
    }

    public void Clear() => Array.Clear(_counts);

    /// <summary>
    /// Non-zero counts keyed by placeholder name (<c>{"EMAIL": 3, "PHONE": 1}</c>) in type order,
    /// ready for a batch's JSON; an empty dictionary when nothing was redacted.
    /// </summary>
    public Dictionary<string, int> ToDictionary()
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in PiiTypes.All)
        {
            if (_counts[(int)type] != 0) result[type.Name()] = _counts[(int)type];
        }
        return result;
    }

    public override string ToString() =>
        Total == 0 ? "none" : string.Join(", ", ToDictionary().Select(kv => $"{kv.Key}={kv.Value}"));
}
