using System.Text.RegularExpressions;
using Analytics.Data;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Npgsql;

namespace Analytics.IntegrationTests.Data;

/// <summary>
/// Least privilege in PostgreSQL (docs/security.md, "Database roles"): the application is no superuser and cannot
/// change the audit trail; a BI login reads the views of schema bi and nothing else, and no view shows agent-level
/// columns or free text. The fixtures are loaded through the real ingest, as the application's role.
/// </summary>
public sealed partial class DatabaseRoleTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ApiHost _host = null!;
    private readonly string _biLogin = "bi_" + Guid.NewGuid().ToString("N")[..12];
    private const string BiPassword = "bi-test-password";

    // Column names a BI view must never carry: agents, free text, raw lines, customers.
    [GeneratedRegex("^(agent|note|transcript|comment|raw|text|speaker|customer|content|body|query|path|api_key)",
        RegexOptions.IgnoreCase)]
    private static partial Regex DeniedColumn();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _host = new ApiHost(_db);
        await Fixtures.LoadAllAsync(_host.Service<IngestService>());
        await SuperuserExecAsync($"CREATE ROLE {_biLogin} LOGIN PASSWORD '{BiPassword}' IN ROLE {DatabaseRoles.Bi}");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _db.DisposeAsync();
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {_biLogin}", admin);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task TheApplicationRunsAsANonSuperuserThatOwnsItsTables()
    {
        Assert.Equal(DatabaseRoles.App, await _db.TextAsync("SELECT current_user"));
        Assert.Equal(0, await _db.ScalarAsync(
            "SELECT count(*) FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole OR rolcreatedb)"));
        Assert.Equal("", await _db.TextAsync("""
            SELECT coalesce(string_agg(tablename || ':' || tableowner, ', '), '') FROM pg_tables
            WHERE schemaname = 'public' AND tablename <> 'audit_log' AND tableowner <> current_user
            """));
        Assert.Equal(DatabaseRoles.Audit, await _db.TextAsync("SELECT tableowner::text FROM pg_tables WHERE tablename = 'audit_log'"));
    }

    [Fact]
    public async Task TheApplicationAddsToTheAuditLogButCannotChangeDeleteOrDropIt()
    {
        await _db.ExecAsync("INSERT INTO audit_log (at_utc, role, method, path, status) VALUES (now(), 'admin', 'GET', '/x', 200)");
        var rows = await _db.ScalarAsync("SELECT count(*) FROM audit_log");
        Assert.True(rows > 0);
        foreach (var sql in new[]
                 {
                     "UPDATE audit_log SET status = 500", "DELETE FROM audit_log", "TRUNCATE audit_log",
                     "DROP TABLE audit_log", "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
                     "DROP TRIGGER audit_log_no_change ON audit_log",
                     "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
                 })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => _db.ExecAsync(sql));
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
        }
        Assert.Equal(rows, await _db.ScalarAsync("SELECT count(*) FROM audit_log"));
        // The trigger still stands for everyone else, a superuser's slip included.
        var slip = await Assert.ThrowsAsync<PostgresException>(() => SuperuserExecAsync("DELETE FROM audit_log"));
        Assert.Contains("append-only", slip.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABiLoginReadsTheBiViewsAndIsRefusedEveryTable()
    {
        await using var bi = await BiConnectionAsync();
        foreach (var (view, table) in new[] { ("bi.contacts", "contacts"), ("bi.surveys", "survey_responses"),
                     ("bi.teams", "teams"), ("bi.reasons", "contact_reasons") })
        {
            var expected = await _db.ScalarAsync($"SELECT count(*) FROM {table}");
            Assert.True(expected > 0, $"{table} is empty: the fixtures did not load");
            Assert.Equal(expected, await ScalarAsync(bi, $"SELECT count(*) FROM {view}"));
        }
        Assert.Equal(await _db.ScalarAsync("SELECT coalesce(sum(contacts), 0) FROM contact_daily WHERE NOT month_total"),
            await ScalarAsync(bi, "SELECT coalesce(sum(contacts), 0) FROM bi.contact_daily"));
        Assert.Equal(await _db.ScalarAsync("SELECT coalesce(sum(n), 0) FROM survey_daily"),
            await ScalarAsync(bi, "SELECT coalesce(sum(responses), 0) FROM bi.survey_daily"));

        var tables = await ListAsync("""
            SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables
            WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
            """);
        Assert.Contains("public.audit_log", tables);
        foreach (var table in tables)
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(bi, $"SELECT count(*) FROM {table}"));
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{table}: {refused.SqlState}");
        }
    }

    [Fact]
    public async Task BiViewsNameATeamOnlyInMonthsItHadEnoughAgents()
    {
        // Team Noord (T1) had Anna and Bert in March but only Anna in February; Team Zuid (T2) only Cees.
        await _host.Service<Analytics.Insights.Rollups.InsightRollups>().RefreshAsync(default);
        await using var bi = await BiConnectionAsync();
        const string Named = "SELECT count(*) FROM bi.contacts WHERE team_code IS NOT NULL";
        Assert.Equal(5, await _db.ScalarAsync("SELECT minimum_agents FROM bi_policy")); // Privacy:MinimumAgents' default
        Assert.Equal(0, await ScalarAsync(bi, Named));

        // The host writes its setting on start; the views follow without a migration.
        await using (var strict = new ApiHost(_db, settings: new Dictionary<string, string?> { ["Privacy:MinimumAgents"] = "2" }))
        {
            _ = strict.Services;
            Assert.Equal(2, await _db.ScalarAsync("SELECT minimum_agents FROM bi_policy"));
        }
        Assert.Equal(5, await ScalarAsync(bi, Named)); // K1-K5, March
        Assert.Equal(5, await ScalarAsync(bi, """
            SELECT count(*) FROM bi.contacts WHERE team_code = 'T1' AND started_utc >= '2026-03-01' AND started_utc < '2026-04-01'
            """));
        Assert.Equal(await ScalarAsync(bi, "SELECT count(*) FROM bi.surveys WHERE responded_utc >= '2026-03-01' AND team_code IS NULL"),
            await _db.ScalarAsync("""
                SELECT count(*) FROM survey_responses s JOIN agents a ON a.id = s.agent_id JOIN teams t ON t.id = a.team_id
                WHERE s.responded_utc >= '2026-03-01' AND t.code = 'T2'
                """));
        Assert.Equal(0, await ScalarAsync(bi, "SELECT count(*) FROM bi.contact_daily WHERE team_code = 'T2' OR day < '2026-03-01' AND team_code IS NOT NULL"));
        Assert.Equal(5, await ScalarAsync(bi, "SELECT coalesce(sum(contacts), 0) FROM bi.contact_daily WHERE team_code = 'T1'"));
        // Left out is not lost: the totals are the same.
        Assert.Equal(await _db.ScalarAsync("SELECT coalesce(sum(contacts), 0) FROM contact_daily WHERE NOT month_total"),
            await ScalarAsync(bi, "SELECT coalesce(sum(contacts), 0) FROM bi.contact_daily"));
    }

    private async Task<NpgsqlConnection> BiConnectionAsync()
    {
        var bi = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_db.ConnectionString)
        {
            Username = _biLogin, Password = BiPassword, Pooling = false,
        }.ConnectionString);
        await bi.OpenAsync();
        return bi;
    }

    [Fact]
    public async Task NoBiViewShowsAnAgentLevelOrFreeTextColumn()
    {
        // Read as the superuser: information_schema only lists to a role the columns it may read.
        var columns = await ListAsync("""
            SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'bi'
            """);
        foreach (var view in new[] { "contacts", "surveys", "teams", "reasons", "contact_daily", "survey_daily" })
            Assert.Contains(columns, c => c.StartsWith(view + ".", StringComparison.Ordinal));
        Assert.DoesNotContain(columns, c => DeniedColumn().IsMatch(c.Split('.')[1]));
        // The deny-list itself bites: the base tables it guards against would fail it.
        Assert.Contains(await ListAsync("SELECT column_name FROM information_schema.columns WHERE table_name = 'contacts'"),
            c => DeniedColumn().IsMatch(c));
    }

    private async Task SuperuserExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_db.SuperuserConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_db.SuperuserConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
