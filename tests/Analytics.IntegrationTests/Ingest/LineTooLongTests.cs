using System.Text;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>Issue #14: a line longer than Ingest:MaxRecordBytes is quarantined as "line too long" and the rest lands.</summary>
public sealed class LineTooLongTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"too-long-{Guid.NewGuid():N}.csv");

    public Task InitializeAsync() => _db.InitializeAsync();

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task AHugeLineIsQuarantinedWithItsLineNumberAndABoundedRawTextAndTheGoodRowsLand()
    {
        const int huge = 20 * 1024 * 1024;
        await using (var w = new StreamWriter(_file, false, new UTF8Encoding(false)))
        {
            await w.WriteAsync("code,parent_code,name_nl,name_en,department,avoidable\nA,,Een,One,sales,false\nB,,Twee,Two,sales,false\n");
            await w.WriteAsync("C,,");
            await w.WriteAsync(new string('x', huge));
            await w.WriteAsync(",Three,it,true\nD,,Vier,Four,it,false\nE,,Vijf,Five,billing,true\n");
        }
        var ingest = new IngestService(_db.DataSource, NullLogger<IngestService>.Instance, options: new IngestOptions());

        var result = await ingest.IngestFileAsync("reasons", _file, default);

        Assert.Equal("completed", result.State);
        Assert.Equal(5, result.RowsRead);
        Assert.Equal(4, result.Loaded);
        Assert.Equal(1, result.Quarantined);
        Assert.Equal(4, await _db.ScalarAsync("SELECT count(*) FROM contact_reasons WHERE code IN ('A', 'B', 'D', 'E')"));
        await using var db = _db.NewDbContext();
        var row = Assert.Single(db.QuarantinedRows.ToList());
        Assert.Equal(4, row.LineNumber);
        Assert.StartsWith("line too long", row.Reason, StringComparison.Ordinal);
        Assert.StartsWith("C,,xxxx", row.RawText, StringComparison.Ordinal);
        Assert.True(row.RawText.Length <= LineLimit.KeptBytes + 1, $"raw text of {row.RawText.Length:N0} characters");
    }
}
