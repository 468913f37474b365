using System.Globalization;
using Analytics.Ingest.Samples;

namespace Analytics.Tests.Samples;

/// <summary>
/// The effects samples/README.md documents are visible in the raw files, computed from the CSVs alone
/// (prior contacts, behaviours in transcripts) as an analyst would, without the generator's internals.
/// </summary>
public sealed class PlantedEffectTests : IClassFixture<LargeSamples>
{
    private sealed record Row(string Id, string Reason, string Agent, string Team, int Transfers, int WaitS, string Channel,
        int Prior, int? Nps, int? Ces, bool Transcribed, bool PostcodeFirst, bool Summarised, bool Interrupted, bool AskedForTen);

    private readonly GeneratedSamples _d;
    private readonly List<Row> _rows;

    public PlantedEffectTests(LargeSamples fixture)
    {
        _d = fixture.Data;
        _rows = Analyse(_d);
    }

    [Fact]
    public void StoringInternetScoresAtLeastTwoPointsBelowVerhuizing()
    {
        var gap = MeanNps(r => r.Reason == "VER-VERHUIZING") - MeanNps(r => r.Reason == "STO-INTERNET");
        Assert.InRange(gap, 2.0, 4.0);
        var unclearInvoice = MeanNps(r => true) - MeanNps(r => r.Reason == "FAC-ONDUIDELIJK");
        Assert.True(unclearInvoice >= 0.5, $"onduidelijke factuur is {unclearInvoice:0.00} below the mean");
    }

    [Fact]
    public void EachPriorContactInTenDaysLowersTheScore()
    {
        var none = MeanNps(r => r.Prior == 0);
        var one = MeanNps(r => r.Prior == 1);
        var more = MeanNps(r => r.Prior >= 2);
        Assert.InRange(none - one, 0.7, 2.0);
        Assert.True(more < one - 0.4);
    }

    [Fact]
    public void TransfersAndLongWaitsLowerTheScore()
    {
        Assert.True(MeanNps(r => r.Transfers == 0) - MeanNps(r => r.Transfers > 0) >= 0.8);
        Assert.True(MeanNps(r => r.Channel == "phone" && r.WaitS <= 60) - MeanNps(r => r.Channel == "phone" && r.WaitS >= 300) >= 0.7);
    }

    [Fact]
    public void TranscriptBehavioursMoveTheScoreInTheDocumentedDirection()
    {
        bool Phone(Row r) => r.Transcribed && r.Channel == "phone";
        Assert.True(MeanNps(r => Phone(r) && !r.Interrupted) - MeanNps(r => Phone(r) && r.Interrupted) >= 0.4);
        Assert.True(MeanNps(r => r.Transcribed && !r.PostcodeFirst) - MeanNps(r => r.Transcribed && r.PostcodeFirst) >= 0.3);
        Assert.True(MeanNps(r => r.Transcribed && r.Summarised) - MeanNps(r => r.Transcribed && !r.Summarised) >= 0.3);
    }

    [Fact]
    public void GoodAndBadAgentsStandOutFromTheirTeams()
    {
        double TeamMean(string agent) => MeanNps(r => r.Team == _rows.First(x => x.Agent == agent).Team && r.Agent != agent);
        Assert.True(MeanNps(r => r.Agent == "A005") - TeamMean("A005") >= 0.8);
        Assert.True(TeamMean("A009") - MeanNps(r => r.Agent == "A009") >= 0.8);
        Assert.True(TeamMean("A036") - MeanNps(r => r.Agent == "A036") >= 0.6);
    }

    [Fact]
    public void TwoNewStartersHaveVeryFewContacts()
    {
        var answered = _rows.Count;
        foreach (var agent in new[] { "A019", "A040" })
            Assert.InRange(_rows.Count(r => r.Agent == agent), 1, answered / 200);
    }

    [Fact]
    public void OnlyTheGamingAgentAsksForATenAndItsNpsOutrunsItsEffortScores()
    {
        var askers = _rows.Where(r => r.AskedForTen).Select(r => r.Agent).Distinct().ToList();
        Assert.Equal([ScoreModel.GamingAgent], askers);
        // Relative to the team, the agent's NPS is inflated while CES (same experience, no gaming) is not.
        var team = _rows.First(r => r.Agent == ScoreModel.GamingAgent).Team;
        var npsLift = MeanNps(r => r.Agent == ScoreModel.GamingAgent) - MeanNps(r => r.Team == team && r.Agent != ScoreModel.GamingAgent);
        var cesLift = Mean(r => r.Agent == ScoreModel.GamingAgent, r => r.Ces) - Mean(r => r.Team == team && r.Agent != ScoreModel.GamingAgent, r => r.Ces);
        Assert.True(npsLift >= 1.0, $"NPS lift {npsLift:0.00}");
        Assert.True(cesLift <= 0.3, $"CES lift {cesLift:0.00}");
    }

    [Fact]
    public void DigitalInvoiceLoginsTripleFromApril()
    {
        var c = _d.Contacts;
        var byMonth = c.Rows.Where(r => r[c["reason_code"]] == "ACC-DIGIFACT")
            .GroupBy(r => int.Parse(r[c["started_at"]].AsSpan(5, 2), CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (double)g.Count());
        var before = (byMonth[1] + byMonth[2] + byMonth[3]) / 3;
        var after = (byMonth[4] + byMonth[5] + byMonth[6]) / 3;
        Assert.InRange(after / before, 2.4, 3.6);
    }

    [Fact]
    public void InternetOutagesComeBackWithinTenDaysFarMoreOftenThanMoves()
    {
        var c = _d.Contacts;
        var contacts = c.Rows.Select(r => (Customer: r[c["customer_key"]], Reason: r[c["reason_code"]], At: GeneratedSamples.Timestamp(r[c["started_at"]])))
            .ToList();
        var byCustomer = contacts.ToLookup(x => x.Customer);
        double RepeatShare(string reason)
        {
            var first = contacts.Where(x => x.Reason == reason).ToList();
            return first.Count(x => byCustomer[x.Customer].Any(y => y.At > x.At && y.At <= x.At.AddDays(10))) / (double)first.Count;
        }
        Assert.True(RepeatShare("STO-INTERNET") > 2.5 * RepeatShare("VER-VERHUIZING"));
    }

    [Fact]
    public void LatentScoreAddsTheNamedCoefficients()
    {
        var drivers = new ScoreDrivers(SampleCatalog.Reason("STO-INTERNET"), SampleCatalog.Agents.Single(a => a.Id == "A005"), "phone",
            PriorContacts: 5, Transfers: 1, WaitS: 180, Outcome: "callback", Interrupted: true, PostcodeFirst: false, Summarised: true, AskedForTen: false);
        // 7.9 − 2.0 (reason) + 1.2 (agent) − 0.7×3 (prior, capped) − 0.8 (transfer) − 0.25×2 (wait) − 0.8 (callback) − 0.8 + 0.7 = 2.8
        Assert.Equal(2.8, ScoreModel.Latent(drivers), 9);
        Assert.Equal(10, ScoreModel.Nps(8.6, askedForTen: true));
        Assert.Equal(0, ScoreModel.Nps(-3, askedForTen: false));
    }

    private double MeanNps(Func<Row, bool> where) => Mean(where, r => r.Nps);

    private double Mean(Func<Row, bool> where, Func<Row, int?> score)
    {
        var xs = _rows.Where(where).Select(score).OfType<int>().ToList();
        Assert.True(xs.Count >= 20, $"only {xs.Count} scores");
        return xs.Average();
    }

    private static List<Row> Analyse(GeneratedSamples d)
    {
        var c = d.Contacts;
        var s = d.Surveys;
        var t = d.Transcripts;
        var scores = s.Rows.ToLookup(r => r[s["contact_id"]], r => (Type: r[s["type"]], Score: int.Parse(r[s["score"]], CultureInfo.InvariantCulture)));
        var turns = t.Rows.ToLookup(r => r[t["contact_id"]]);
        var recent = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var r in c.Rows)
        {
            var id = r[c["contact_id"]];
            var at = GeneratedSamples.Timestamp(r[c["started_at"]]);
            var customer = r[c["customer_key"]];
            if (!recent.TryGetValue(customer, out var times)) recent[customer] = times = [];
            var prior = times.Count(x => x >= at.AddDays(-10));
            times.Add(at);
            if (r[c["outcome"]] == "abandoned") continue;

            var tr = turns[id].ToList();
            var agentTurns = tr.Where(x => x[t["speaker"]] == "agent").ToList();
            var interrupted = Enumerable.Range(1, Math.Max(0, tr.Count - 1)).Any(i =>
                tr[i][t["speaker"]] == "agent" && tr[i - 1][t["speaker"]] == "customer" &&
                int.Parse(tr[i][t["start_ms"]], CultureInfo.InvariantCulture) < int.Parse(tr[i - 1][t["end_ms"]], CultureInfo.InvariantCulture));
            var sc = scores[id].ToList();
            rows.Add(new Row(id, r[c["reason_code"]], r[c["agent_id"]], r[c["team_code"]],
                int.Parse(r[c["transfers"]], CultureInfo.InvariantCulture), int.Parse(r[c["wait_s"]], CultureInfo.InvariantCulture), r[c["channel"]], prior,
                sc.Where(x => x.Type == "nps").Select(x => (int?)x.Score).FirstOrDefault(),
                sc.Where(x => x.Type == "ces").Select(x => (int?)x.Score).FirstOrDefault(),
                tr.Count > 0,
                agentTurns.Count > 0 && agentTurns[0][t["text"]].Contains("postcode en huisnummer", StringComparison.Ordinal),
                agentTurns.Any(x => x[t["text"]].StartsWith("Dus als ik het goed begrijp", StringComparison.Ordinal)),
                interrupted,
                agentTurns.Any(x => x[t["text"]].Contains("een 10 geven", StringComparison.Ordinal))));
        }
        return rows;
    }
}
