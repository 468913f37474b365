using System.Diagnostics;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Privacy;

/// <summary>What the privacy tests add to the seeded fixtures: transcripts that name their agent, and the CLI.</summary>
internal static class PrivacyFixture
{
    // K1 is Anna's (A1, team Noord), K6 is Cees's (B1, team Zuid); both greet with their first name.
    public const string Transcripts = """
        contact_id,seq,speaker,start_ms,end_ms,text
        K1,1,agent,0,4000,Goedemorgen u spreekt met Anna van Polderlicht.
        K1,2,customer,4000,9000,Mijn factuur klopt niet.
        K6,1,agent,0,4000,Goedemiddag u spreekt met Cees.
        """;

    public static Task LoadTranscriptsAsync(ApiHost host) =>
        host.Service<IngestService>().IngestAsync("transcripts", Fixtures.Stream(Transcripts), "transcripts.csv", default);

    /// <summary>Runs `./analytics VERB …` as the real host process over <paramref name="db"/>; stdout and exit code.</summary>
    public static async Task<(int Code, string Output)> CliAsync(TestDatabase db, IDictionary<string, string>? env,
        params string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Analytics.Api.dll");
        var start = new ProcessStartInfo("dotnet", [host, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ANALYTICS_DB"] = db.ConnectionString;
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
