namespace Analytics.Ingest.Pipeline;

/// <summary>
/// Sits between a file and the CSV reader so that no line longer than a limit is ever held whole: a line that passes the
/// limit is read to its end without being kept, and the reader gets <see cref="Marker"/> in its place (same line
/// breaks, so line numbers stay true). <see cref="CsvRows"/> quarantines the record that holds a marker as "line too
/// long", with the line's first bytes as its raw text. Lines are physical lines: a quoted field may span several, and a
/// record with a too-long line in it is too long as a whole. Works on bytes, for UTF-8 and Windows-1252 alike.
/// </summary>
public sealed class LineLimit(Stream inner, int maxLineBytes) : Stream
{
    /// <summary>What the reader sees instead of a too-long line: no separator, quote or line break, never in real text.</summary>
    public const string Marker = "\u0001line too long\u0001";
    private static readonly byte[] MarkerBytes = System.Text.Encoding.ASCII.GetBytes(Marker);
    private static readonly byte[] MarkerLine = [.. MarkerBytes, (byte)'\n'];

    /// <summary>How much of a too-long line is kept for the quarantine.</summary>
    public const int KeptBytes = 1024;

    /// <summary>A line the reader got the marker for: its number, its first bytes and its length in bytes.</summary>
    public sealed class TooLongLine(int line, byte[] start)
    {
        public int Line { get; } = line;
        public byte[] Start { get; } = start;
        public long Length { get; internal set; }
    }

    /// <summary>Replaced lines whose record the reader has not reported yet, in file order.</summary>
    public Queue<TooLongLine> TooLong { get; } = new();

    private readonly byte[] _buffer = new byte[maxLineBytes + 64 * 1024];
    private int _head, _filled, _ready, _line = 1;
    private bool _ended;
    private TooLongLine? _skipping;
    private ReadOnlyMemory<byte> _pending;

    public override int Read(Span<byte> destination)
    {
        while (true)
        {
            if (!_pending.IsEmpty)
            {
                var n = Math.Min(destination.Length, _pending.Length);
                _pending.Span[..n].CopyTo(destination);
                _pending = _pending[n..];
                return n;
            }
            if (_ready > 0)
            {
                var n = Math.Min(destination.Length, _ready);
                _buffer.AsSpan(_head, n).CopyTo(destination);
                _head += n;
                _ready -= n;
                return n;
            }
            if (_skipping is not null) SkipRestOfLine(_skipping);
            else if (!Scan())
            {
                if (_ended) return 0;
                Fill();
            }
        }
    }

    /// <summary>
    /// Makes the complete lines at the head ready, or replaces a too-long head line by the marker; false when it needs
    /// more input first.
    /// </summary>
    private bool Scan()
    {
        var start = _head;
        while (true)
        {
            var newline = _buffer.AsSpan(start, _filled - start).IndexOf((byte)'\n');
            var length = newline < 0 ? _filled - start : newline;
            if (length > maxLineBytes)
            {
                // Lines before it go out first; then it is replaced, whether it has ended or not.
                if (start > _head) break;
                var line = new TooLongLine(_line, _buffer.AsSpan(start, Math.Min(KeptBytes, length)).ToArray()) { Length = length };
                TooLong.Enqueue(line);
                if (newline < 0)
                {
                    _head = _filled = 0;
                    _skipping = line;
                    return true;
                }
                line.Length++;
                _head = start + newline + 1;
                _line++;
                _pending = MarkerLine;
                return true;
            }
            if (newline < 0)
            {
                // The last line of the file needs no line break.
                if (_ended) start = _filled;
                break;
            }
            start += newline + 1;
            _line++;
        }
        _ready = start - _head;
        return _ready > 0;
    }

    /// <summary>Reads on to the end of a too-long line, keeping nothing of it but its length.</summary>
    private void SkipRestOfLine(TooLongLine line)
    {
        var n = inner.Read(_buffer, 0, _buffer.Length);
        var newline = _buffer.AsSpan(0, n).IndexOf((byte)'\n');
        if (n > 0 && newline < 0) { line.Length += n; return; }
        _skipping = null;
        if (n == 0)
        {
            _ended = true;
            _pending = MarkerBytes;
            return;
        }
        line.Length += newline + 1;
        (_head, _filled) = (newline + 1, n);
        _line++;
        _pending = MarkerLine;
    }

    private void Fill()
    {
        if (_head > 0)
        {
            _buffer.AsSpan(_head, _filled - _head).CopyTo(_buffer);
            (_filled, _head) = (_filled - _head, 0);
        }
        var n = inner.Read(_buffer, _filled, _buffer.Length - _filled);
        if (n == 0) _ended = true;
        _filled += n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
