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

    public ContentHash Add(string? value)
    {
        var h = _h;
        if (value is not null)
            foreach (var c in value) { h = (h ^ c) * Prime; }
        h = (h ^ 0x1F) * Prime; // field separator, so ("ab","c") differs from ("a","bc")
        _h = h;
        return this;
    }

    public ContentHash Add(long value) => Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public readonly long Value => unchecked((long)_h);
}
