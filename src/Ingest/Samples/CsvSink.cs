using System.Buffers;
using System.Globalization;
using System.Text;
using Analytics.Time;

namespace Analytics.Ingest.Samples;

/// <summary>
/// A minimal RFC 4180 writer: UTF-8 without BOM, `\n` line ends, a field quoted only when it holds a comma, quote or line break.
/// Hand-rolled rather than CsvHelper because the benchmarks generate millions of rows and this path allocates nothing per field.
/// </summary>
internal sealed class CsvSink : IDisposable
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _w;
    private readonly LocalTimes _times;
    private bool _rowStarted;

    public string Path { get; }
    public long Rows { get; private set; }

    public CsvSink(string path, LocalTimes times, params string[] header)
    {
        Path = path;
        _times = times;
        _w = new StreamWriter(path, append: false, Utf8NoBom, bufferSize: 1 << 16);
        foreach (var h in header) Field(h);
        _w.Write('\n');
        _rowStarted = false;
    }

    public void Field(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value)) return;
        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            _w.Write(value);
            return;
        }
        _w.Write('"');
        _w.Write(value.Contains('"', StringComparison.Ordinal) ? value.Replace("\"", "\"\"", StringComparison.Ordinal) : value);
        _w.Write('"');
    }

    /// <summary>Text assembled in a reused builder: no string is allocated for it.</summary>
    public void Field(StringBuilder value)
    {
        Separator();
        var quote = false;
        foreach (var chunk in value.GetChunks())
            quote |= chunk.Span.IndexOfAny(NeedsQuotes) >= 0;
        if (!quote)
        {
            foreach (var chunk in value.GetChunks()) _w.Write(chunk.Span);
            return;
        }
        _w.Write('"');
        foreach (var chunk in value.GetChunks())
            foreach (var c in chunk.Span)
            {
                if (c == '"') _w.Write('"');
                _w.Write(c);
            }
        _w.Write('"');
    }

    /// <summary>An identifier such as K00000042: a prefix letter and a zero-padded number, written without allocating.</summary>
    public void Id(char prefix, long number, string format)
    {
        Separator();
        Span<char> buf = stackalloc char[21];
        buf[0] = prefix;
        number.TryFormat(buf[1..], out var n, format, CultureInfo.InvariantCulture);
        _w.Write(buf[..(n + 1)]);
    }

    public void Field(long value)
    {
        Separator();
        Span<char> buf = stackalloc char[20];
        value.TryFormat(buf, out var n, default, CultureInfo.InvariantCulture);
        _w.Write(buf[..n]);
    }

    public void Field(bool value) => Field(value ? "true" : "false");

    /// <summary>An instant as Amsterdam local time with its offset, e.g. 2026-03-30T09:15:00+02:00.</summary>
    public void Timestamp(long utcTicks)
    {
        Separator();
        Span<char> buf = stackalloc char[25];
        _times.Format(utcTicks, buf);
        _w.Write(buf);
    }

    public void EndRow()
    {
        _w.Write('\n');
        _rowStarted = false;
        Rows++;
    }

    private void Separator()
    {
        if (_rowStarted) _w.Write(',');
        _rowStarted = true;
    }

    public void Dispose() => _w.Dispose();
}

/// <summary>
/// UTC instant → Amsterdam wall-clock text. Offsets change only on whole UTC hours, so they are cached per hour;
/// one instance per generation keeps the cache private to one thread.
/// </summary>
internal sealed class LocalTimes
{
    private readonly Dictionary<long, int> _offsetMinutesByHour = [];

    public int OffsetMinutes(long utcTicks)
    {
        var hour = utcTicks / TimeSpan.TicksPerHour;
        if (!_offsetMinutesByHour.TryGetValue(hour, out var minutes))
        {
            minutes = (int)Amsterdam.Zone.GetUtcOffset(new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Utc)).TotalMinutes;
            _offsetMinutesByHour[hour] = minutes;
        }
        return minutes;
    }

    public void Format(long utcTicks, Span<char> dst)
    {
        var offset = OffsetMinutes(utcTicks);
        var local = new DateTime(utcTicks + offset * TimeSpan.TicksPerMinute, DateTimeKind.Unspecified);
        Digits(dst[..4], local.Year);
        dst[4] = '-';
        Digits(dst.Slice(5, 2), local.Month);
        dst[7] = '-';
        Digits(dst.Slice(8, 2), local.Day);
        dst[10] = 'T';
        Digits(dst.Slice(11, 2), local.Hour);
        dst[13] = ':';
        Digits(dst.Slice(14, 2), local.Minute);
        dst[16] = ':';
        Digits(dst.Slice(17, 2), local.Second);
        dst[19] = offset < 0 ? '-' : '+';
        var abs = Math.Abs(offset);
        Digits(dst.Slice(20, 2), abs / 60);
        dst[22] = ':';
        Digits(dst.Slice(23, 2), abs % 60);
    }

    public string Format(long utcTicks)
    {
        Span<char> buf = stackalloc char[25];
        Format(utcTicks, buf);
        return buf.ToString();
    }

    private static void Digits(Span<char> dst, int value)
    {
        for (var i = dst.Length - 1; i >= 0; i--)
        {
            dst[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
