using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.Ingest.Samples;
using Analytics.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Analytics.IntegrationTests.Coaching;

/// <summary>
/// A generated centre with the planted coaching, loaded into a test database: the effect of the real session recovers
/// what the plant changed (within its interval, clear of zero) and the placebo session finds nothing. Survey-dense
/// (every answered contact surveyed) so the coached agent has a few hundred responses in the weeks compared.
/// </summary>
public sealed class PlantedCoachingEffectTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ApiHost _host = null!;
    private HttpClient _http = null!;
    private PlantedCoaching _truth = null!;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "analytics-coaching-" + Path.GetRandomFileName());

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _host = new ApiHost(_db);
        _http = await _host.ClientAsync(Roles.QualityManager);
        var summary = SampleGenerator.Generate(
            new SampleOptions(Contacts: 50_000, Seed: 19, SurveyRate: 1, TranscriptShare: 0.3, PlantCoaching: true), _dir);
        _truth = summary.Coaching!;
        var ingest = _host.Service<IngestService>();
        foreach (var (kind, path) in new[] { ("reasons", summary.ReasonsPath), ("contacts", summary.ContactsPath),
                     ("surveys", summary.SurveysPath), ("transcripts", summary.TranscriptsPath) })
            await ingest.IngestFileAsync(kind, path, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<Dictionary<string, JsonElement>> EffectAsync(string agent, DateOnly heldOn)
    {
        var created = await _http.PostAsJsonAsync("/api/v1/coaching/sessions", new
        {
            agent, subSkill = PlantedCoaching.SubSkill, heldOn = heldOn.ToString("yyyy-MM-dd"),
            agreedActions = "Na de vraag samenvatten: 'Dus als ik het goed begrijp … Klopt dat?'",
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var effect = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/coaching/sessions/{id}/effect");
        return effect.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("outcome").GetString()!);
    }

    private static (double Effect, double Low, double High) Figures(JsonElement o)
    {
        Assert.Equal("estimated", o.GetProperty("status").GetString());
        return (o.GetProperty("effect").GetDouble(), o.GetProperty("low").GetDouble(), o.GetProperty("high").GetDouble());
    }

    [Fact]
    public async Task TheEstimateRecoversThePlantedEffectAndFindsNothingForThePlacebo()
    {
        // Both sessions exist before either is estimated: each excludes the other agent from its comparison group.
        var coached = await EffectAsync(_truth.Agent, _truth.HeldOn);
        var placebo = await EffectAsync(_truth.PlaceboAgent, _truth.PlaceboOn);

        foreach (var (name, outcomes) in new[] { ("coached", coached), ("placebo", placebo) })
        foreach (var o in outcomes.Values)
            output.WriteLine($"{name} {o}");
        output.WriteLine($"planted: check +{_truth.CheckRateRise:F1} on {_truth.Transcripts}, NPS +{_truth.NpsRise:F1} on " +
            $"{_truth.NpsResponses}, CES +{_truth.CesRise:F2} on {_truth.CesResponses}");

        var check = Figures(coached["check:summary"]);
        Assert.InRange(_truth.CheckRateRise, check.Low, check.High);
        Assert.True(check.Low > 0, $"summarising {check.Effect} [{check.Low}, {check.High}], planted {_truth.CheckRateRise}");
        var nps = Figures(coached["nps"]);
        Assert.InRange(_truth.NpsRise, nps.Low, nps.High);
        Assert.True(nps.Low > 0, $"NPS {nps.Effect} [{nps.Low}, {nps.High}], planted {_truth.NpsRise}");

        foreach (var outcome in new[] { "check:summary", "nps", "ces" })
        {
            var p = Figures(placebo[outcome]);
            Assert.InRange(0, p.Low, p.High);
        }
    }
}
