using System.Diagnostics;
using Analytics.Classification;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Reasons;

/// <summary>
/// The sample centre with a reasons model that never saw the reason planted in April (as <see cref="ReasonAuditCentre"/>),
/// and nothing scored, audited or clustered yet: that is left to the verb.
/// </summary>
public sealed class UnauditedCentre : IAsyncLifetime
{
    public TestDatabase Db { get; } = new();

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        await using var host = new ApiHost(Db);
        await SampleCentre.LoadAsync(host.Service<IngestService>());
        var april = Amsterdam.StartOfDayUtc(new DateOnly(2026, 4, 1));
        await using var db = Db.NewDbContext();
        var before = await (from c in db.Contacts join r in db.Reasons on c.ReasonId equals r.Id
                            where c.StartedUtc < april && c.Notes != null && r.Code != ReasonAuditCentre.NewReason
                            orderby c.Id select new LabelledText(c.Notes!, r.Code)).ToListAsync();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ModelRegistry>()
            .TrainAndRegisterAsync(ModelKinds.Reasons, before, CancellationToken.None);
    }

    public Task DisposeAsync() => Db.DisposeAsync();
}

public sealed class DiscoverReasonsVerbTests(UnauditedCentre centre) : IClassFixture<UnauditedCentre>
{
    private const int AuditRows = 3000;

    /// <summary>The verb as an operator runs it: the built host in its own process, on the application's role.</summary>
    private async Task<string> RunVerbAsync()
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Analytics.Api.dll");
        var start = new ProcessStartInfo("dotnet", [host, "discover-reasons", "--from", "2026-03-30", "--to", "2026-06-28",
            "--folds", "2", "--audit-rows", AuditRows.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ANALYTICS_DB"] = centre.Db.ConnectionString;
        using var verb = Process.Start(start)!;
        var output = verb.StandardOutput.ReadToEndAsync();
        var errors = verb.StandardError.ReadToEndAsync();
        await verb.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        Assert.True(verb.ExitCode == 0, $"exit code {verb.ExitCode}: {await errors}");
        return await output;
    }

    private async Task<(long[] Miscodes, int[] Candidates, int Planted)> StoredAsync()
    {
        await using var db = centre.Db.NewDbContext();
        var miscodes = await db.Database.SqlQuery<long>(
            $"SELECT contact_id AS \"Value\" FROM reason_code_audits WHERE suggested_reason IS NOT NULL ORDER BY 1").ToArrayAsync();
        var candidates = await db.Database.SqlQuery<int>(
            $"SELECT DISTINCT candidate_id AS \"Value\" FROM reason_candidate_members ORDER BY 1").ToArrayAsync();
        // The candidate holding most contacts the agents coded as the reason the model never saw.
        var planted = await db.Database.SqlQuery<int>($"""
            SELECT m.candidate_id AS "Value" FROM reason_candidate_members m JOIN contacts c ON c.id = m.contact_id
            JOIN contact_reasons r ON r.id = c.reason_id WHERE r.code = {ReasonAuditCentre.NewReason}
            GROUP BY m.candidate_id ORDER BY count(*) DESC, m.candidate_id LIMIT 1
            """).ToListAsync();
        return (miscodes, candidates, planted.SingleOrDefault());
    }

    [Fact]
    public async Task TheVerbStoresMiscodesAndCandidatesThatKeepTheirIdsOnASecondRun()
    {
        var output = await RunVerbAsync();
        Assert.Contains($"discover-reasons 2026-03-30 to 2026-06-28: {AuditRows} wrap-up codes audited (2 folds", output);
        Assert.Equal(AuditRows, await centre.Db.ScalarAsync("SELECT count(*) FROM reason_code_audits"));
        var first = await StoredAsync();
        Assert.NotEmpty(first.Miscodes);
        Assert.True(first.Miscodes.Length < AuditRows / 5, $"{first.Miscodes.Length} of {AuditRows} flagged");
        Assert.NotEmpty(first.Candidates);
        Assert.NotEqual(0, first.Planted);
        // Scoring was the verb's too: the unknowns it clustered exist only because it scored the contacts.
        Assert.True(await centre.Db.ScalarAsync("SELECT count(*) FROM predictions") > 0);

        await RunVerbAsync();
        var second = await StoredAsync();
        Assert.Equal(first.Miscodes, second.Miscodes);
        Assert.Equal(first.Candidates, second.Candidates);
        Assert.Equal(first.Planted, second.Planted);
        Assert.Equal(first.Candidates.Length, await centre.Db.ScalarAsync("SELECT count(*) FROM reason_candidates"));
    }
}
