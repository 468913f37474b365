using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Pipeline;

/// <summary>
/// A binary COPY that loaders write rows to with the importer's calls. Values are encoded in PostgreSQL's binary COPY
/// format right away, into chunks that a second thread sends while parsing goes on. Encoding here instead of through
/// <see cref="NpgsqlBinaryImporter"/> spares its type resolution per value, which cost about as much as parsing the row;
/// sending on a second thread keeps socket waits off the parsing thread. At most a few chunks are in flight, so memory
/// stays flat whatever the file's size.
/// </summary>
/// <remarks>Format: https://www.postgresql.org/docs/current/sql-copy.html (binary format), the layouts Npgsql writes.</remarks>
public sealed class CopyRows : IDisposable
{
    private const int ChunkBytes = 1 << 18;
    /// <summary>A row starts in a new chunk when less than this is left, so a row never spans two chunks.</summary>
    private const int RowReserve = 1 << 14;
    private const int InFlight = 4;
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    // timestamptz: microseconds since 2000-01-01 UTC; DateTime.MinValue/MaxValue mean -infinity/infinity, as Npgsql maps them.
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly NpgsqlRawCopyStream? _stream;
    // The hand-over between the parsing thread and the sender: queues counted by kernel semaphores, which sleep at once.
    // BlockingCollection's semaphore and a Monitor both spin before they sleep, and on two cores that spinning took
    // CPU from the parser and the server (a profile showed about a quarter of the parsing thread in lock spinning).
    private readonly ConcurrentQueue<(byte[] Buffer, int Length)> _full = new();
    private readonly ConcurrentQueue<byte[]> _free = new();
    private readonly Semaphore _fullCount = new(0, int.MaxValue);
    private readonly Semaphore _freeCount = new(0, int.MaxValue);
    private volatile bool _closed;
    private readonly Thread? _sender;
    /// <summary>Chunks of a <see cref="Deferred"/> copy, sent by <see cref="CopyTo"/>.</summary>
    private readonly List<(byte[] Buffer, int Length)>? _kept;
    private byte[] _chunk = new byte[ChunkBytes];
    private int _position, _rowStart = -1, _fields;
    private ulong _rows;
    private volatile Exception? _error;
    private bool _done;

    private CopyRows()
    {
        _kept = [];
        Header.CopyTo(_chunk, 0);
        _position = Header.Length;
    }

    /// <summary>
    /// Rows encoded now and copied later with <see cref="CopyTo"/>, for rows found while another COPY holds the
    /// connection. Kept as bytes, not objects: a few hundred thousand small rows are a few megabytes the garbage
    /// collector never has to trace or move.
    /// </summary>
    public static CopyRows Deferred() => new();

    /// <summary>Copies the rows of a <see cref="Deferred"/> copy with <paramref name="copyCommand"/>; answers their number.</summary>
    public ulong CopyTo(NpgsqlConnection conn, string copyCommand)
    {
        if (_kept is null || _done) throw new InvalidOperationException("only a deferred copy is copied, and once");
        EndRow();
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_chunk.AsSpan(_position), -1);
        _position += 2;
        _kept.Add((_chunk, _position));
        _done = true;
        using var stream = conn.BeginRawBinaryCopy(copyCommand);
        foreach (var (buffer, length) in _kept) stream.Write(buffer, 0, length);
        _kept.Clear();
        return _rows;
    }

    public CopyRows(NpgsqlConnection conn, string copyCommand)
    {
        _stream = conn.BeginRawBinaryCopy(copyCommand);
        for (var i = 0; i < InFlight; i++) _free.Enqueue(new byte[ChunkBytes]);
        _freeCount.Release(InFlight);
        Header.CopyTo(_chunk, 0);
        _position = Header.Length;
        _sender = new Thread(SendAll) { IsBackground = true, Name = "copy sender" };
        _sender.Start();
    }

    public void StartRow()
    {
        EndRow();
        if (_chunk.Length - _position < RowReserve) Send();
        _rowStart = _position;
        _position += 2;
        _rows++;
    }

    public void WriteNull() => Field(-1);

    public void Write(string value, NpgsqlDbType type)
    {
        Expect(type, NpgsqlDbType.Text);
        Ensure(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var n = Encoding.UTF8.GetBytes(value, _chunk.AsSpan(_position + 4));
        Field(n);
        _position += n;
    }

    public void Write(int value, NpgsqlDbType type)
    {
        if (type == NpgsqlDbType.Bigint) { Write((long)value, type); return; }
        Expect(type, NpgsqlDbType.Integer);
        Field(4);
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_chunk.AsSpan(_position), value);
        _position += 4;
    }

    public void Write(long value, NpgsqlDbType type)
    {
        Expect(type, NpgsqlDbType.Bigint);
        Int64Field(value);
    }

    public void Write(bool value, NpgsqlDbType type)
    {
        Expect(type, NpgsqlDbType.Boolean);
        Field(1);
        Ensure(1);
        _chunk[_position++] = value ? (byte)1 : (byte)0;
    }

    public void Write(DateTime value, NpgsqlDbType type)
    {
        Expect(type, NpgsqlDbType.TimestampTz);
        // Npgsql refuses a timestamptz that is not UTC; so does this, rather than store a shifted time.
        if (value.Kind != DateTimeKind.Utc && value != DateTime.MinValue && value != DateTime.MaxValue)
            throw new ArgumentException($"a timestamptz must be UTC, not {value.Kind}", nameof(value));
        Int64Field(value == DateTime.MinValue ? long.MinValue
            : value == DateTime.MaxValue ? long.MaxValue
            : (value.Ticks - PostgresEpochTicks) / 10);
    }

    /// <summary>Sends what is left, ends the COPY and answers the rows written.</summary>
    public ulong Complete()
    {
        if (_stream is null) throw new InvalidOperationException("a deferred copy is sent with CopyTo");
        EndRow();
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_chunk.AsSpan(_position), -1);
        _position += 2;
        Send();
        Close();
        _sender!.Join();
        _done = true;
        if (_error is not null) ExceptionDispatchInfo.Throw(_error);
        // Ending the stream ends the COPY: a row the server refuses surfaces here.
        _stream.Dispose();
        return _rows;
    }

    private void Int64Field(long value)
    {
        Field(8);
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(_chunk.AsSpan(_position), value);
        _position += 8;
    }

    /// <summary>Starts a field: its length in bytes (the value follows), or -1 for null.</summary>
    private void Field(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_chunk.AsSpan(_position), value);
        _position += 4;
        _fields++;
    }

    private static void Expect(NpgsqlDbType type, NpgsqlDbType expected)
    {
        if (type != expected) throw new NotSupportedException($"CopyRows writes {expected} from this type, not {type}");
    }

    private void EndRow()
    {
        if (_rowStart < 0) return;
        BinaryPrimitives.WriteInt16BigEndian(_chunk.AsSpan(_rowStart), checked((short)_fields));
        _rowStart = -1;
        _fields = 0;
    }

    /// <summary>Room for <paramref name="bytes"/> more in this chunk: a long text grows it rather than splitting its row.</summary>
    private void Ensure(int bytes)
    {
        if (_chunk.Length - _position >= bytes) return;
        Array.Resize(ref _chunk, Math.Max(_chunk.Length * 2, _position + bytes));
    }

    private void Send()
    {
        if (_kept is not null)
        {
            _kept.Add((_chunk, _position));
            _chunk = new byte[ChunkBytes];
            _position = 0;
            return;
        }
        _full.Enqueue((_chunk, _position));
        _fullCount.Release();
        // Every chunk but this one may be on its way: then the server is the slower side, and parsing waits.
        _freeCount.WaitOne();
        if (_error is not null) ExceptionDispatchInfo.Throw(_error);
        _free.TryDequeue(out var next);
        _chunk = next!;
        _position = 0;
    }

    /// <summary>No more chunks: the sender ends once it has sent what is queued.</summary>
    private void Close()
    {
        _closed = true;
        _fullCount.Release();
    }

    private void SendAll()
    {
        try
        {
            while (true)
            {
                _fullCount.WaitOne();
                // Woken by a chunk, or by Close (then whatever is still queued goes first).
                if (!_full.TryDequeue(out var next))
                {
                    if (_closed) return;
                    continue;
                }
                _stream!.Write(next.Buffer, 0, next.Length);
                // Chunks a long text made bigger go; the pool stays at its usual size.
                _free.Enqueue(next.Buffer.Length == ChunkBytes ? next.Buffer : new byte[ChunkBytes]);
                _freeCount.Release();
            }
        }
        catch (Exception e)
        {
            // The parsing thread sees this at its next hand-over (or at Complete) and the batch fails with it.
            _error = e;
            _freeCount.Release();
        }
    }

    /// <summary>Parsing ended early (an error, a cancellation): stop the sender and cancel the COPY.</summary>
    public void Dispose()
    {
        if (!_done && _stream is not null)
        {
            _full.Clear();
            Close();
            _sender!.Join();
            try { _stream.Cancel(); } catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException) { }
            _stream.Dispose();
        }
        _fullCount.Dispose();
        _freeCount.Dispose();
    }
}
