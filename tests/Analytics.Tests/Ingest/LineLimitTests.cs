using System.Text;
using Analytics.Ingest.Pipeline;

namespace Analytics.Tests.Ingest;

public sealed class LineLimitTests
{
    private const string Header = "code,parent_code,name_nl,name_en,department,avoidable\n";

    [Fact]
    public void A200MegabyteLineIsReplacedWithoutBeingHeldAndTheRowsAroundItAreRead()
    {
        const long huge = 200L * 1024 * 1024;
        var input = new GeneratedFile(
            Header + "A,,Een,One,sales,false\n", huge, "\nB,,Twee,Two,sales,false\r\nC,,Drie,Three,it,true\n");
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var (codes, quarantined) = ReadAll(new CsvRows(input));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(["A", "B", "C"], codes);
        var (line, raw, reason) = Assert.Single(quarantined);
        Assert.Equal(3, line);
        Assert.StartsWith(new string('x', 100), raw, StringComparison.Ordinal);
        Assert.True(raw.Length <= LineLimit.KeptBytes + 1, $"raw text of {raw.Length} characters");
        Assert.Contains("line too long", reason, StringComparison.Ordinal);
        Assert.Contains((huge + 1).ToString("N0", System.Globalization.CultureInfo.CurrentCulture), reason, StringComparison.Ordinal);
        Assert.True(input.Served > huge, "the whole line was read through");
        // The reader's buffer is about Ingest:MaxRecordBytes (1 MiB by default): far below the 200 MB line.
        Assert.True(allocated < 16L * 1024 * 1024, $"{allocated:N0} bytes allocated while reading a {huge:N0}-byte line");
    }

    [Fact]
    public void ATooLongLineInsideAQuotedFieldQuarantinesItsWholeRecord()
    {
        var text = Header + "A,,\"Een\n" + new string('y', 5000) + "\nnog\",One,sales,false\nB,,Twee,Two,sales,false\n" +
                   new string('z', 3000);
        var (codes, quarantined) = ReadAll(new CsvRows(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes: 2048));

        Assert.Equal(["B"], codes);
        Assert.Equal([3, 6], quarantined.Select(q => q.Line));
        Assert.StartsWith("A,,\"Een\n" + new string('y', LineLimit.KeptBytes) + "…\nnog\"", quarantined[0].Raw, StringComparison.Ordinal);
        // The last line, without a line break and too long, is quarantined too.
        Assert.Equal(new string('z', LineLimit.KeptBytes) + "…", quarantined[1].Raw);
    }

    [Fact]
    public void LinesUpToTheLimitPassUnchanged()
    {
        var name = new string('n', 2048 - "D,,,One,sales,false".Length);
        var text = Header + $"D,,{name},One,sales,false\n" + "E,,Twee,Two,sales,false";
        var rows = new CsvRows(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes: 2048);
        var (codes, quarantined) = ReadAll(rows);

        Assert.Equal(["D", "E"], codes);
        Assert.Empty(quarantined);
    }

    private static (List<string> Codes, List<(int Line, string Raw, string Reason)> Quarantined) ReadAll(CsvRows rows)
    {
        using var _ = rows;
        var codes = new List<string>();
        var quarantined = new List<(int, string, string)>();
        while (true)
        {
            var more = rows.Read();
            quarantined.AddRange(rows.TakeSkipped());
            if (!more) break;
            if (rows.Malformed is { } why) quarantined.Add((rows.LineNumber, rows.RawText, why));
            else codes.Add(rows.Get(rows.Column("code"))!);
        }
        return (codes, quarantined);
    }

    /// <summary>A file of head + <c>length</c> times 'x' + tail, made up as it is read: nothing held but the counters.</summary>
    private sealed class GeneratedFile(string head, long length, string tail) : Stream
    {
        private readonly byte[] _head = Encoding.UTF8.GetBytes(head), _tail = Encoding.UTF8.GetBytes(tail);
        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = 0;
            while (n < count && Served < _head.Length + length + _tail.Length)
            {
                int take;
                if (Served < _head.Length) take = Copy(_head, Served, buffer, offset + n, count - n);
                else if (Served < _head.Length + length)
                {
                    take = (int)Math.Min(count - n, _head.Length + length - Served);
                    buffer.AsSpan(offset + n, take).Fill((byte)'x');
                }
                else take = Copy(_tail, Served - _head.Length - length, buffer, offset + n, count - n);
                n += take;
                Served += take;
            }
            return n;
        }

        private static int Copy(byte[] part, long at, byte[] buffer, int offset, int room)
        {
            var take = (int)Math.Min(room, part.Length - at);
            part.AsSpan((int)at, take).CopyTo(buffer.AsSpan(offset));
            return take;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
