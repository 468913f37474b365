using Npgsql;

namespace Analytics.Data;

/// <summary>
/// The roles the application runs under (Data/Roles/*.sql; docs/security.md, "Database roles"). The front door applies
/// the same files with psql; this is for callers holding a superuser connection (tests, operators' tooling).
/// </summary>
public static class DatabaseRoles
{
    public const string App = "analytics_app";
    public const string Audit = "analytics_audit";
    public const string Bi = "analytics_bi";

    /// <summary>Creates the cluster roles when missing and sets the application's password.</summary>
    public static async Task EnsureRolesAsync(NpgsqlConnection superuser, string appPassword, CancellationToken ct = default)
    {
        await ExecAsync(superuser, Sql("roles"), ct);
        // ALTER ROLE takes no parameters; the literal is quoted by PostgreSQL's own rules.
        await ExecAsync(superuser, $"ALTER ROLE {App} PASSWORD '{appPassword.Replace("'", "''", StringComparison.Ordinal)}'", ct);
    }

    /// <summary>Ownership and grants in the database <paramref name="superuser"/> is connected to; before and after migrating.</summary>
    public static Task ApplyGrantsAsync(NpgsqlConnection superuser, CancellationToken ct = default) =>
        ExecAsync(superuser, Sql("grants"), ct);

    /// <summary>Right before migrating (after <see cref="ApplyGrantsAsync"/>): the audit trail is the application's for the migration.</summary>
    public static Task PrepareMigrationAsync(NpgsqlConnection superuser, CancellationToken ct = default) =>
        ExecAsync(superuser, Sql("migrating"), ct);

    public static string Sql(string name)
    {
        using var stream = typeof(DatabaseRoles).Assembly.GetManifestResourceStream($"Analytics.Data.Roles.{name}.sql")
                           ?? throw new InvalidOperationException($"Data/Roles/{name}.sql is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
