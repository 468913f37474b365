using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Pipeline;

/// <summary>
/// The rows a loader stages, handed to a second thread that writes them to the binary COPY: parsing, validation and
/// redaction of the next rows go on while Npgsql encodes and sends the previous ones (inline, that was about 40% of the
/// parsing thread's time). The calls are the importer's; rows travel in reused batches of typed values, a few at a time,
/// so memory stays flat whatever the file's size.
/// </summary>
public sealed class CopyRows : IDisposable
{
    private const int BatchRows = 2048;
    private const int InFlight = 4;

    private readonly NpgsqlBinaryImporter _importer;
    private readonly BlockingCollection<List<Cell>> _full = new(InFlight);
    private readonly BlockingCollection<List<Cell>> _free = new();
    private readonly CancellationTokenSource _failed = new();
    private readonly Thread _writer;
    private List<Cell> _current = [];
    private int _rowsInCurrent;
    private Exception? _error;
    private bool _done;

    public CopyRows(NpgsqlBinaryImporter importer)
    {
        _importer = importer;
        for (var i = 0; i < InFlight + 1; i++) _free.Add([]);
        _writer = new Thread(WriteAll) { IsBackground = true, Name = "copy writer" };
        _writer.Start();
    }

    public void StartRow()
    {
        if (_rowsInCurrent == BatchRows) Send();
        _rowsInCurrent++;
        _current.Add(new Cell(CellKind.Row, default, 0, null));
    }

    public void Write(string value, NpgsqlDbType type) => _current.Add(new Cell(CellKind.Text, type, 0, value));
    public void Write(int value, NpgsqlDbType type) => _current.Add(new Cell(CellKind.Int, type, value, null));
    public void Write(long value, NpgsqlDbType type) => _current.Add(new Cell(CellKind.Long, type, value, null));
    public void Write(bool value, NpgsqlDbType type) => _current.Add(new Cell(CellKind.Bool, type, value ? 1 : 0, null));
    // ToBinary keeps the Kind: Npgsql refuses a timestamptz that is not UTC, and must see exactly what the loader wrote.
    public void Write(DateTime value, NpgsqlDbType type) => _current.Add(new Cell(CellKind.DateTime, type, value.ToBinary(), null));
    public void WriteNull() => _current.Add(new Cell(CellKind.Null, default, 0, null));

    /// <summary>Writes what is left, waits for the writer and completes the COPY; answers the rows it imported.</summary>
    public ulong Complete()
    {
        if (_current.Count > 0) Send();
        _full.CompleteAdding();
        _writer.Join();
        _done = true;
        if (_error is not null) ExceptionDispatchInfo.Throw(_error);
        return _importer.Complete();
    }

    private void Send()
    {
        try
        {
            _full.Add(_current, _failed.Token);
            _current = _free.Take(_failed.Token);
            _rowsInCurrent = 0;
        }
        catch (OperationCanceledException) when (_error is not null)
        {
            ExceptionDispatchInfo.Throw(_error);
        }
    }

    private void WriteAll()
    {
        try
        {
            foreach (var batch in _full.GetConsumingEnumerable())
            {
                foreach (var c in batch)
                {
                    switch (c.Kind)
                    {
                        case CellKind.Row: _importer.StartRow(); break;
                        case CellKind.Null: _importer.WriteNull(); break;
                        case CellKind.Text: _importer.Write(c.Text!, c.Type); break;
                        case CellKind.Int: _importer.Write((int)c.Number, c.Type); break;
                        case CellKind.Long: _importer.Write(c.Number, c.Type); break;
                        case CellKind.Bool: _importer.Write(c.Number != 0, c.Type); break;
                        case CellKind.DateTime: _importer.Write(DateTime.FromBinary(c.Number), c.Type); break;
                    }
                }
                batch.Clear();
                _free.Add(batch);
            }
        }
        catch (Exception e)
        {
            // The parsing thread sees this on its next hand-over (or at Complete) and the batch fails with it.
            _error = e;
            _failed.Cancel();
        }
    }

    /// <summary>Stops the writer before the importer is disposed (which cancels the COPY) when parsing ended early.</summary>
    public void Dispose()
    {
        if (!_done)
        {
            _full.CompleteAdding();
            _writer.Join();
        }
        _full.Dispose();
        _free.Dispose();
        _failed.Dispose();
    }

    private enum CellKind : byte { Row, Null, Text, Int, Long, Bool, DateTime }

    private readonly record struct Cell(CellKind Kind, NpgsqlDbType Type, long Number, string? Text);
}
