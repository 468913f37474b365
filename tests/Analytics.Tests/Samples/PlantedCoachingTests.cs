using Analytics.Ingest.Samples;

namespace Analytics.Tests.Samples;

/// <summary>The planted coaching is a generator option: off, nothing changes; on, only the coached agent's scores after
/// the session move (other texts may differ, since comments mention summaries and share one random stream).</summary>
public sealed class PlantedCoachingTests
{
    [Fact]
    public void PlantingChangesOnlyTheCoachedAgentsScoresAfterTheSession()
    {
        using var plain = new GeneratedSamples(new SampleOptions(Contacts: 12_000, Seed: 11));
        using var planted = new GeneratedSamples(new SampleOptions(Contacts: 12_000, Seed: 11, PlantCoaching: true));
        Assert.Null(plain.Summary.Coaching);
        var truth = planted.Summary.Coaching!;
        Assert.Equal((PlantedCoaching.CoachedAgent, new DateOnly(2026, 4, 1)), (truth.Agent, truth.HeldOn));
        Assert.Equal((PlantedCoaching.Placebo, new DateOnly(2026, 5, 4)), (truth.PlaceboAgent, truth.PlaceboOn));

        // Every measurable column of every contact is the same (notes are text from the shared text stream).
        var notes = plain.Contacts["notes"];
        Assert.Equal(plain.Contacts.Rows.Count, planted.Contacts.Rows.Count);
        for (var i = 0; i < plain.Contacts.Rows.Count; i++)
            Assert.Equal(plain.Contacts.Rows[i].Where((_, c) => c != notes), planted.Contacts.Rows[i].Where((_, c) => c != notes));

        var agentOf = plain.Contacts.Rows.ToDictionary(r => r[plain.Contacts["contact_id"]], r => r[plain.Contacts["agent_id"]]);
        var startOf = plain.Contacts.Rows.ToDictionary(r => r[plain.Contacts["contact_id"]],
            r => DateOnly.FromDateTime(GeneratedSamples.Timestamp(r[plain.Contacts["started_at"]]).DateTime));
        var score = plain.Surveys["score"];
        var contact = plain.Surveys["contact_id"];
        var changed = plain.Surveys.Rows.Zip(planted.Surveys.Rows).Where(p => p.First[score] != p.Second[score]).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, p => Assert.Equal(PlantedCoaching.CoachedAgent, agentOf[p.First[contact]]));
        Assert.All(changed, p => Assert.True(startOf[p.First[contact]] > truth.HeldOn));
        Assert.All(changed, p => Assert.True(int.Parse(p.Second[score]) >= int.Parse(p.First[score])));

        // Summarising rises from the usual 25% to 85%: about 60 points, measured on the same draws.
        Assert.InRange(truth.CheckRateRise, 45, 75);
        Assert.True(truth.NpsRise > 0 && truth.CesRise > 0, $"NPS +{truth.NpsRise}, CES +{truth.CesRise}");
    }
}
