using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own, so it can be stopped and started without touching the cluster every other
/// test class shares. Tools from ANALYTICS_TEST_PG_BIN (set by `./analytics test`), run as the postgres user when the
/// tests run as root (initdb refuses root). Trust authentication on 127.0.0.1 only: it lives for one test.
/// </summary>
public sealed class PrivateCluster : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "analytics-cluster-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly int _port = FreePort();

    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=5";

    private static string Bin =>
        Environment.GetEnvironmentVariable("ANALYTICS_TEST_PG_BIN") is { Length: > 0 } bin ? bin
        : Directory.GetDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin")).Last();

    public async Task InitializeAsync()
    {
        await RunAsync("initdb", $"-D {_dir} -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust");
        await StartAsync();
    }

    public Task StartAsync() => RunAsync("pg_ctl",
        $"-D {_dir} -l {_dir}/server.log -w -t 60 -o \"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off\" start");

    /// <summary>A fast shutdown: PostgreSQL ends every session (57P01) and stops listening.</summary>
    public Task StopAsync() => RunAsync("pg_ctl", $"-D {_dir} -m fast -w stop");

    public async Task DisposeAsync()
    {
        try { await RunAsync("pg_ctl", $"-D {_dir} -m immediate stop"); } catch (InvalidOperationException) { }
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static async Task RunAsync(string tool, string arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(Bin, tool))
        {
            Arguments = asRoot ? $"-u postgres -- {Path.Combine(Bin, tool)} {arguments}" : arguments,
            WorkingDirectory = "/", RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {arguments} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
