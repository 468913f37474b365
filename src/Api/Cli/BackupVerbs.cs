using Analytics.Backups;

namespace Analytics.Api.Cli;

internal sealed class BackupVerb : ICliVerb
{
    public string Name => "backup";
    public string Usage => "backup [--out FILE]  writes a pg_dump -Fc of the database (default: Backup:Directory/analytics-TIME.dump)";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var file = args.Get("out") ?? Path.Combine(configuration["Backup:Directory"] is { Length: > 0 } d ? d : "out/backups",
            DatabaseBackup.FileName(DateTime.UtcNow));
        try { await DatabaseBackup.BackupAsync(ServiceRegistration.ConnectionString(configuration), file, ct); }
        catch (BackupException e) { throw new CliUsageException(e.Message); }
        Console.WriteLine(Path.GetFullPath(file));
        await Console.Error.WriteLineAsync($"backup: {new FileInfo(file).Length:N0} bytes");
        return 0;
    }
}

internal sealed class RestoreVerb : ICliVerb
{
    public string Name => "restore";
    public string Usage => "restore FILE         restores a backup into the (empty) database; refuses a database that has tables";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var file = args.Positional.FirstOrDefault() ?? throw new CliUsageException("name the backup file to restore");
        try { await DatabaseBackup.RestoreAsync(ServiceRegistration.ConnectionString(services.GetRequiredService<IConfiguration>()), file, ct); }
        catch (BackupException e) { throw new CliUsageException(e.Message); }
        Console.WriteLine($"restore: {file} restored; run ./analytics migrate if it came from an older release");
        return 0;
    }
}
