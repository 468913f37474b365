namespace Analytics.Ingest.Pipeline;

/// <summary>
/// A stable 64-bit FNV-1a over a row's parsed values: equal content gives an equal hash across processes and
/// machines (string.GetHashCode is randomised per process), which is what tells a duplicate from an update.
/// </summary>
public struct ContentHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private ulong _h;

    public static ContentHash Start() => new() { _h = Offset };

    public ContentHash Add(string? value) => Add(value.AsSpan());

    private ContentHash Add(ReadOnlySpan<char> value)
    {
        var h = _h;
        foreach (var c in value) { h = (h ^ c) * Prime; }
        h = (h ^ 0x1F) * Prime; // field separator, so ("ab","c") differs from ("a","bc")
        _h = h;
        return this;
    }

    /// <summary>Hashes the number's invariant text, as stored hashes were made, without allocating that text.</summary>
    public ContentHash Add(long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        return Add(digits[..n]);
    }

    public readonly long Value => unchecked((long)_h);
}
