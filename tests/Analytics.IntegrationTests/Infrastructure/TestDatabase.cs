using Analytics.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, migrated database on the throwaway PostgreSQL that `./analytics test` starts (ANALYTICS_TEST_DB is its
/// admin connection string). One per test class, so classes run in parallel without seeing each other's rows.
/// </summary>
/// <param name="adminConnectionString">Another cluster's admin connection string (the restart test's own cluster).</param>
public sealed class TestDatabase(string? adminConnectionString = null) : IAsyncLifetime
{
    private string Admin => adminConnectionString ?? AdminConnectionString;
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    private string _name = "";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("ANALYTICS_TEST_DB") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException("ANALYTICS_TEST_DB is not set: run the tests with ./analytics test, which starts a throwaway PostgreSQL.");

    public async Task InitializeAsync()
    {
        _name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(Admin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(Admin) { Database = _name }.ConnectionString;
        await using (var db = NewDbContext()) await db.Database.MigrateAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public AnalyticsDbContext NewDbContext()
    {
        var b = new DbContextOptionsBuilder<AnalyticsDbContext>();
        AnalyticsDbContext.Configure(b, ConnectionString);
        return new AnalyticsDbContext(b.Options);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public async Task ExecAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<string> TextAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Contacts of another source: as many as a load brings keep that load off the bulk paths (the table is not small).</summary>
    public Task AddOtherSourceContactsAsync(int count) => ExecAsync(
        "INSERT INTO contacts (source, source_id, channel, started_utc, wait_seconds, talk_seconds, hold_seconds, acw_seconds, transfers, content_hash) " +
        $"SELECT 'other', g::text, 'phone', now(), 0, 0, 0, 0, 0, 0 FROM generate_series(1, {count}) g");

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
