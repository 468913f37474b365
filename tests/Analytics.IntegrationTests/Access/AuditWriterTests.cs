using System.Net;
using Analytics.Access;
using Analytics.Api.Access;
using Analytics.IntegrationTests.Infrastructure;
using Npgsql;

namespace Analytics.IntegrationTests.Access;

/// <summary>Audit rows written in batches (decision 030): none lost, none late, none failing a neighbour.</summary>
public sealed class AuditWriterTests : SeededApiTests
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Api:RateLimitPerMinute"] = "1000000", ["Api:CacheSeconds"] = "0" };

    [Fact]
    public async Task EveryAnsweredAgentLevelRequestHasItsCommittedRowWhenTheAnswerArrives()
    {
        using var quality = await Host.ClientAsync(Roles.QualityManager);
        var missing = 0;
        // Many at once, so rows share batches; each is looked for from another connection the moment its answer is in.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 24 };
        await Parallel.ForEachAsync(Enumerable.Range(0, 120), parallel, async (i, ct) =>
        {
            var query = $"?{March}&groupBy=agent&request={i}";
            var response = await quality.GetAsync("/api/v1/metrics/nps" + query, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var conn = new NpgsqlConnection(Db.SuperuserConnectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(
                "SELECT count(*) FROM audit_log WHERE query = @q AND status = 200", conn);
            cmd.Parameters.AddWithValue("q", query);
            if ((long)(await cmd.ExecuteScalarAsync(ct))! != 1) Interlocked.Increment(ref missing);
        });
        Assert.Equal(0, missing);
        Assert.Equal(120,
            await Db.ScalarAsync("SELECT count(DISTINCT query) FROM audit_log WHERE query LIKE '%&request=%'"));
    }

    [Fact]
    public async Task RowsWaitingTogetherAreWrittenInFewCommitsAndAllArrive()
    {
        var writer = new AuditWriter(Db.DataSource);
        var writes = Enumerable.Range(0, 300).Select(i => writer.WriteAsync(Entry($"/batched/{i}"))).ToList();
        await Task.WhenAll(writes);
        Assert.Equal(300, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE path LIKE '/batched/%'"));
        // One at a time would be 300 commits; queued together they share a handful.
        Assert.InRange(writer.CommitCount, 1, 30);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task ARowTheDatabaseRefusesFailsItsOwnRequestOnly()
    {
        await using var writer = new AuditWriter(Db.DataSource);
        var good1 = writer.WriteAsync(Entry("/neighbour/1"));
        var bad = writer.WriteAsync(Entry("/nul\0byte"));
        var good2 = writer.WriteAsync(Entry("/neighbour/2"));
        await good1;
        await good2;
        await Assert.ThrowsAsync<PostgresException>(() => bad);
        Assert.Equal(2, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE path LIKE '/neighbour/%'"));
    }

    [Fact]
    public async Task RowsQueuedWhenTheHostStopsAreWrittenBeforeItEnds()
    {
        var writer = new AuditWriter(Db.DataSource);
        var writes = Enumerable.Range(0, 50).Select(i => writer.WriteAsync(Entry($"/stopping/{i}"))).ToList();
        await writer.DisposeAsync();
        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.Equal(50, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE path LIKE '/stopping/%'"));
        // After the stop a late request still gets its row, written on its own.
        await writer.WriteAsync(Entry("/stopping/late"));
        Assert.Equal(51, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE path LIKE '/stopping/%'"));
    }

    private static AuditEntry Entry(string path) => new()
    {
        AtUtc = DateTime.UtcNow, Role = Roles.QualityManager, Method = "GET", Path = path, Status = 200,
    };
}
