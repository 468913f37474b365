using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>CopyRows writes PostgreSQL's binary COPY format itself: what it writes must read back as written.</summary>
public sealed class CopyRowsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task EveryKindOfValueReadsBackAsWrittenAcrossManyChunks()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using (var ddl = new NpgsqlCommand("CREATE TEMP TABLE copied (n int, t text, b bigint, f boolean, ts timestamptz, i int)", conn))
            await ddl.ExecuteNonQueryAsync();
        // A text far longer than a chunk, multi-byte characters, the infinities Npgsql maps DateTime.MinValue/MaxValue to.
        var longText = string.Concat(Enumerable.Repeat("één € ", 120_000));
        var special = new (string? Text, DateTime Time)[]
        {
            (longText, DateTime.MinValue), ("", DateTime.MaxValue), (null, new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc)),
        };
        const int rows = 50_000;
        ulong copied;
        using (var copy = new CopyRows(conn, "COPY copied (n, t, b, f, ts, i) FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < rows; n++)
            {
                var (text, time) = n < special.Length ? special[n] : ($"rij {n} — ü", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(n * 7.5));
                copy.StartRow();
                copy.Write(n, NpgsqlDbType.Integer);
                if (text is null) copy.WriteNull(); else copy.Write(text, NpgsqlDbType.Text);
                copy.Write(-3_000_000_000L * n, NpgsqlDbType.Bigint);
                copy.Write(n % 2 == 0, NpgsqlDbType.Boolean);
                copy.Write(time, NpgsqlDbType.TimestampTz);
                copy.WriteNull();
            }
            copied = copy.Complete();
        }

        Assert.Equal((ulong)rows, copied);
        await using var read = new NpgsqlCommand("SELECT n, t, b, f, ts, i IS NULL, ts = '-infinity', ts = 'infinity' FROM copied ORDER BY n", conn);
        await using var r = await read.ExecuteReaderAsync();
        for (var n = 0; n < rows; n++)
        {
            Assert.True(await r.ReadAsync());
            Assert.Equal(n, r.GetInt32(0));
            var (text, time) = n < special.Length ? special[n] : ($"rij {n} — ü", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(n * 7.5));
            Assert.Equal(text, r.IsDBNull(1) ? null : r.GetString(1));
            Assert.Equal(-3_000_000_000L * n, r.GetInt64(2));
            Assert.Equal(n % 2 == 0, r.GetBoolean(3));
            Assert.True(r.GetBoolean(5));
            if (time == DateTime.MinValue) Assert.True(r.GetBoolean(6));
            else if (time == DateTime.MaxValue) Assert.True(r.GetBoolean(7));
            else Assert.Equal(time, r.GetDateTime(4));
        }
        Assert.False(await r.ReadAsync());
    }

    [Fact]
    public async Task ARowTheServerRefusesFailsTheCopy()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using (var ddl = new NpgsqlCommand("CREATE TEMP TABLE refused (n int NOT NULL)", conn)) await ddl.ExecuteNonQueryAsync();
        using var copy = new CopyRows(conn, "COPY refused (n) FROM STDIN (FORMAT BINARY)");
        copy.StartRow();
        copy.WriteNull();
        Assert.Throws<PostgresException>(() => copy.Complete());
    }

    [Fact]
    public async Task ARefusedRowEarlyInALongCopyFailsItWithoutHangingTheWriter()
    {
        // The server refuses the first row while many chunks are still to come: whether the failure reaches the writer
        // at a hand-over or at Complete, it is the server's error, and nothing waits forever for a sender that stopped.
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using (var ddl = new NpgsqlCommand("CREATE TEMP TABLE refused_long (n int NOT NULL, t text)", conn)) await ddl.ExecuteNonQueryAsync();
        var error = await Task.Run(() => Record.Exception(() =>
        {
            using var copy = new CopyRows(conn, "COPY refused_long (n, t) FROM STDIN (FORMAT BINARY)");
            copy.StartRow();
            copy.WriteNull();
            copy.Write("x", NpgsqlTypes.NpgsqlDbType.Text);
            for (var i = 0; i < 300_000; i++)
            {
                copy.StartRow();
                copy.Write(i, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write("a row of some length to fill many chunks", NpgsqlTypes.NpgsqlDbType.Text);
            }
            copy.Complete();
        })).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.IsType<PostgresException>(error);
    }
}
