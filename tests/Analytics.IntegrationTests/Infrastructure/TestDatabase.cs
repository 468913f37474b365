using Analytics.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, migrated database on the throwaway PostgreSQL that `./analytics test` starts (ANALYTICS_TEST_DB is its
/// admin connection string). One per test class, so classes run in parallel without seeing each other's rows. Tests,
/// migrations and hosts connect as the application's role (analytics_app, no superuser), as the front door's do.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly bool _migrate = true;
    private readonly string? _admin;

    public TestDatabase() { }

    /// <param name="adminConnectionString">Another cluster's admin connection string (the restart test's own cluster).</param>
    internal TestDatabase(string adminConnectionString) => _admin = adminConnectionString;

    private TestDatabase(bool migrate) => _migrate = migrate;

    /// <summary>A database with the grants but no schema: what a restore goes into.</summary>
    public static TestDatabase Empty() => new(migrate: false);

    private string Admin => _admin ?? AdminConnectionString;
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    private string _name = "";

    /// <summary>This database as the superuser: only for what the application may not do (grants, other roles).</summary>
    public string SuperuserConnectionString { get; private set; } = "";

    // The roles are the cluster's: made once per cluster and test run (roles.sql serialises concurrent callers itself).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> Roles = new();

    private static Task EnsureRolesAsync(string adminConnectionString) =>
        Roles.GetOrAdd(adminConnectionString, cs => new Lazy<Task>(async () =>
        {
            await using var admin = new NpgsqlConnection(cs);
            await admin.OpenAsync();
            await DatabaseRoles.EnsureRolesAsync(admin, PasswordOf(cs));
        })).Value;

    // The application's role gets the cluster's admin password: both are throwaway.
    private static string PasswordOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Password ?? "";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("ANALYTICS_TEST_DB") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException("ANALYTICS_TEST_DB is not set: run the tests with ./analytics test, which starts a throwaway PostgreSQL.");

    public async Task InitializeAsync()
    {
        _name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await EnsureRolesAsync(Admin);
        await using (var admin = new NpgsqlConnection(Admin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        SuperuserConnectionString = new NpgsqlConnectionStringBuilder(Admin) { Database = _name }.ConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(SuperuserConnectionString)
        {
            Username = DatabaseRoles.App, Password = PasswordOf(Admin),
        }.ConnectionString;
        await ApplyGrantsAsync();
        if (_migrate) await MigrateAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>Migrates as the application, then hands the audit trail back to its owner, as `./analytics migrate` does.</summary>
    public async Task MigrateAsync()
    {
        await using (var superuser = new NpgsqlConnection(SuperuserConnectionString))
        {
            await superuser.OpenAsync();
            await DatabaseRoles.PrepareMigrationAsync(superuser);
        }
        await using (var db = NewDbContext()) await db.Database.MigrateAsync();
        await ApplyGrantsAsync();
    }

    /// <summary>What the front door does before and after migrating: ownership, the audit trail, BI grants.</summary>
    public async Task ApplyGrantsAsync()
    {
        await using var superuser = new NpgsqlConnection(SuperuserConnectionString);
        await superuser.OpenAsync();
        await DatabaseRoles.ApplyGrantsAsync(superuser);
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
