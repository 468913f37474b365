using System.Diagnostics;

namespace Analytics.Tests.FrontDoor;

/// <summary>
/// The front door's dependency step the way a fresh Debian machine runs it: nothing installed, root, an apt-get that
/// installs, and a pg_ctlcluster that exits 1 on --help (Debian 12). Stand-ins first on PATH record what was asked.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FreshMachineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("analytics-fresh-").FullName;
    private string Bin => Path.Combine(_dir, "bin");
    private string AptLog => Path.Combine(_dir, "apt.log");

    public FreshMachineTests()
    {
        Directory.CreateDirectory(Bin);
        // Only the tools the step needs, so fc-list and pdftoppm are missing whatever this machine has.
        foreach (var tool in new[] { "bash", "find", "sort", "tail", "dirname", "basename", "grep", "cat", "dotnet" })
            if (Which(tool) is { } path) File.CreateSymbolicLink(Path.Combine(Bin, tool), path);
        StandIn("id", "echo 0");
        StandIn("pg_ctlcluster", "exit 1");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheDependencyStepSucceedsAndAsksAptForEveryMissingPackage()
    {
        StandIn("apt-get", $"echo \"$*\" >> '{AptLog}'");

        var (code, output) = RunFrontDoor("deps");

        Assert.True(code == 0, output);
        var calls = File.ReadAllLines(AptLog);
        Assert.Contains(calls, c => c.StartsWith("update", StringComparison.Ordinal));
        var install = Assert.Single(calls, c => c.Contains("install", StringComparison.Ordinal)).Split(' ');
        foreach (var package in new[] { "postgresql", "postgresql-contrib", "fonts-dejavu-core", "fontconfig", "poppler-utils" })
            Assert.Contains(package, install);
        Assert.Contains("everything needed is installed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedInstallEndsWithASentenceSayingWhatFailed()
    {
        StandIn("apt-get", "echo 'E: Unable to locate package' >&2; exit 100");

        var (code, output) = RunFrontDoor("deps");

        Assert.Equal(100, code);
        Assert.Matches("analytics: error: \"apt-get .*\" failed with exit code 100", output);
    }

    private void StandIn(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private (int Code, string Output) RunFrontDoor(string verb)
    {
        var start = new ProcessStartInfo(Path.Combine(Bin, "bash"), [FrontDoor(), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = Bin;
        start.Environment["ANALYTICS_PG_LIB"] = Path.Combine(_dir, "no-postgresql");
        start.Environment["ANALYTICS_FONT_FILE"] = Path.Combine(_dir, "no-font.ttf");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string FrontDoor()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "analytics")) && File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
                return Path.Combine(dir.FullName, "analytics");
        throw new FileNotFoundException("the front door script ./analytics was not found above the test binary");
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
