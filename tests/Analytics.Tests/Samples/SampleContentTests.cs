using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Ingest.Samples;
using Analytics.Time;

namespace Analytics.Tests.Samples;

public sealed partial class SampleContentTests : IClassFixture<DefaultSamples>
{
    private readonly GeneratedSamples _d;

    public SampleContentTests(DefaultSamples fixture) => _d = fixture.Data;

    // 2026: summer time from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC (EU rule: last Sundays of March and October).
    [Theory]
    [InlineData("2026-03-29T00:59:00Z", "2026-03-29T01:59:00+01:00")]
    [InlineData("2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00")]
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25T02:30:00+02:00")]
    [InlineData("2026-10-25T01:30:00Z", "2026-10-25T02:30:00+01:00")]
    [InlineData("2026-01-01T07:00:05Z", "2026-01-01T08:00:05+01:00")]
    [InlineData("2026-06-30T17:59:59Z", "2026-06-30T19:59:59+02:00")]
    public void LocalTimesAreWrittenWithTheAmsterdamOffsetOfTheInstant(string utc, string expected)
    {
        var ticks = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture).UtcTicks;
        Assert.Equal(expected, new LocalTimes().Format(ticks));
    }

    [Fact]
    public void EveryTimestampCarriesTheAmsterdamOffsetOfItsInstant()
    {
        var stamps = _d.Contacts.Column("started_at").Concat(_d.Contacts.Column("ended_at")).Concat(_d.Surveys.Column("responded_at"));
        foreach (var s in stamps)
        {
            var t = GeneratedSamples.Timestamp(s);
            Assert.Equal(Amsterdam.Zone.GetUtcOffset(t.UtcDateTime), t.Offset);
        }
    }

    [Fact]
    public void ContactsEitherSideOfTheSpringChangeHaveWinterThenSummerOffsets()
    {
        var started = _d.Contacts.Column("started_at").ToList();
        var saturday = started.Where(s => s.StartsWith("2026-03-28T", StringComparison.Ordinal)).ToList();
        var monday = started.Where(s => s.StartsWith("2026-03-30T", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(saturday);
        Assert.NotEmpty(monday);
        Assert.All(saturday, s => Assert.EndsWith("+01:00", s));
        Assert.All(monday, s => Assert.EndsWith("+02:00", s));
    }

    [Fact]
    public void ContactsStartOnlyInOpeningHoursWithinTheSixMonths()
    {
        foreach (var s in _d.Contacts.Column("started_at"))
        {
            var local = GeneratedSamples.Timestamp(s).DateTime;
            Assert.NotEqual(DayOfWeek.Sunday, local.DayOfWeek);
            Assert.InRange(local.Hour, 8, 19);
            Assert.InRange(local, new DateTime(2026, 1, 1), new DateTime(2026, 6, 30, 20, 0, 0));
        }
    }

    [Fact]
    public void ContactsAreInTimeOrderAndEndAfterWaitTalkAndHold()
    {
        var c = _d.Contacts;
        DateTimeOffset previous = default;
        foreach (var row in c.Rows)
        {
            var start = GeneratedSamples.Timestamp(row[c["started_at"]]);
            var end = GeneratedSamples.Timestamp(row[c["ended_at"]]);
            Assert.True(start >= previous);
            var seconds = int.Parse(row[c["wait_s"]], CultureInfo.InvariantCulture) + int.Parse(row[c["talk_s"]], CultureInfo.InvariantCulture)
                          + int.Parse(row[c["hold_s"]], CultureInfo.InvariantCulture);
            Assert.Equal(start.AddSeconds(seconds), end);
            previous = start;
        }
    }

    [Fact]
    public void TaxonomyHasSixCategoriesAndLeavesWithValidDepartments()
    {
        var r = _d.Reasons;
        var categories = r.Rows.Where(x => x[r["parent_code"]] == "").Select(x => x[r["code"]]).ToHashSet();
        var leaves = r.Rows.Where(x => x[r["parent_code"]] != "").ToList();
        Assert.Equal(6, categories.Count);
        Assert.InRange(leaves.Count, 18, 25);
        Assert.All(leaves, l => Assert.Contains(l[r["parent_code"]], categories));
        Assert.All(r.Rows, x => Assert.Contains(x[r["department"]], new[] { "sales", "marketing", "billing", "operations", "product", "customer-service" }));
        Assert.All(r.Rows, x => Assert.Contains(x[r["avoidable"]], new[] { "true", "false" }));
        Assert.Contains(leaves, l => l[r["name_nl"]].Length > 40);
        foreach (var name in new[] { "Onduidelijke factuur", "Inloggen digitale factuur", "Opzeggen na overlijden", "Storing internet", "Verhuizing",
                     "Betalingsregeling", "Tariefwijziging", "Monteur afspraak" })
            Assert.Contains(leaves, l => l[r["name_nl"]] == name);
    }

    [Fact]
    public void EveryCodedReasonIsALeafOfTheTaxonomy()
    {
        var leaves = _d.Reasons.Rows.Where(x => x[_d.Reasons["parent_code"]] != "").Select(x => x[_d.Reasons["code"]]).ToHashSet();
        var c = _d.Contacts;
        foreach (var row in c.Rows)
        {
            if (row[c["outcome"]] == "abandoned") Assert.Equal("", row[c["reason_code"]]);
            else Assert.Contains(row[c["reason_code"]], leaves);
        }
    }

    [Fact]
    public void AbandonedContactsArePhoneCallsWithoutTalkAgentOrNotes()
    {
        var c = _d.Contacts;
        var abandoned = c.Rows.Where(r => r[c["outcome"]] == "abandoned").ToList();
        Assert.InRange(abandoned.Count, 0.02 * c.Rows.Count, 0.10 * c.Rows.Count);
        Assert.All(abandoned, r =>
        {
            Assert.Equal("phone", r[c["channel"]]);
            Assert.Equal("0", r[c["talk_s"]]);
            Assert.Equal("", r[c["agent_id"]]);
            Assert.Equal("", r[c["team_code"]]);
            Assert.Equal("", r[c["notes"]]);
        });
    }

    [Fact]
    public void AnsweredContactsHaveFortyAgentsInFiveTeamsAndPseudonymousCustomers()
    {
        var c = _d.Contacts;
        var answered = c.Rows.Where(r => r[c["outcome"]] != "abandoned").ToList();
        Assert.All(answered, r => Assert.Matches(AgentId(), r[c["agent_id"]]));
        Assert.Equal(40, answered.Select(r => r[c["agent_id"]]).Distinct().Count());
        Assert.Equal(["T1", "T2", "T3", "T4", "T5"], answered.Select(r => r[c["team_code"]]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(c.Column("customer_key"), k => Assert.Matches(CustomerKey(), k));
        Assert.All(c.Column("channel"), ch => Assert.Contains(ch, new[] { "phone", "chat", "email" }));
        Assert.All(c.Column("outcome"), o => Assert.Contains(o, new[] { "resolved", "transferred", "callback", "abandoned" }));
    }

    [Fact]
    public void AboutThreePercentOfNotesCarryPersonalDataAndAboutOnePercentAreEnglish()
    {
        var notes = _d.Contacts.Column("notes").Where(n => n.Length > 0).ToList();
        var personal = notes.Count(n => PersonalDataPattern().IsMatch(n)) / (double)notes.Count;
        var english = notes.Count(n => n.StartsWith("Customer ", StringComparison.Ordinal)) / (double)notes.Count;
        Assert.InRange(personal, 0.02, 0.045);
        Assert.InRange(english, 0.004, 0.02);
    }

    [Fact]
    public void TranscriptsHaveSixToSixteenOrderedTurnsForAnsweredPhoneAndChatContacts()
    {
        var t = _d.Transcripts;
        var c = _d.Contacts;
        var contacts = c.Rows.ToDictionary(r => r[c["contact_id"]]);
        foreach (var group in t.Rows.GroupBy(r => r[t["contact_id"]]))
        {
            var turns = group.ToList();
            Assert.InRange(turns.Count, 6, 16);
            Assert.Equal(Enumerable.Range(1, turns.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), turns.Select(x => x[t["seq"]]));
            Assert.Equal("agent", turns[0][t["speaker"]]);
            var contact = contacts[group.Key];
            Assert.Contains(contact[c["channel"]], new[] { "phone", "chat" });
            Assert.NotEqual("abandoned", contact[c["outcome"]]);
            Assert.All(turns, x => Assert.True(int.Parse(x[t["end_ms"]], CultureInfo.InvariantCulture) > int.Parse(x[t["start_ms"]], CultureInfo.InvariantCulture)));
        }
        var answeredSpoken = c.Rows.Count(r => r[c["outcome"]] != "abandoned" && r[c["channel"]] != "email");
        Assert.InRange(_d.Summary.TranscriptContacts / (double)answeredSpoken, 0.30, 0.40);
    }

    [Fact]
    public void SurveysFollowAnsweredContactsWithinThreeDaysAtTheAgreedRates()
    {
        var s = _d.Surveys;
        var c = _d.Contacts;
        var contacts = c.Rows.ToDictionary(r => r[c["contact_id"]]);
        foreach (var row in s.Rows)
        {
            var contact = contacts[row[s["contact_id"]]];
            Assert.NotEqual("abandoned", contact[c["outcome"]]);
            Assert.Equal(contact[c["customer_key"]], row[s["customer_key"]]);
            var lag = GeneratedSamples.Timestamp(row[s["responded_at"]]) - GeneratedSamples.Timestamp(contact[c["ended_at"]]);
            Assert.InRange(lag, TimeSpan.Zero, TimeSpan.FromDays(3));
            var score = int.Parse(row[s["score"]], CultureInfo.InvariantCulture);
            var (min, max) = row[s["type"]] switch { "nps" => (0, 10), "ces" => (1, 7), "csat" => (1, 5), var x => throw new InvalidOperationException(x) };
            Assert.InRange(score, min, max);
        }
        double answered = c.Rows.Count(r => r[c["outcome"]] != "abandoned");
        Assert.InRange(s.Column("type").Count(x => x == "nps") / answered, 0.27, 0.33);
        Assert.InRange(s.Column("type").Count(x => x == "ces") / answered, 0.08, 0.12);
        Assert.InRange(s.Column("type").Count(x => x == "csat") / answered, 0.08, 0.12);
        Assert.InRange(s.Column("comment").Count(x => x.Length > 0) / (double)s.Rows.Count, 0.55, 0.65);
    }

    [Fact]
    public void GeneratedIbansHaveValidCheckDigits()
    {
        // The example IBAN of the Dutch banks' association.
        Assert.Equal(91, PersonalData.CheckDigits("NL", "ABNA0417164300"));
        var r = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var iban = PersonalData.Iban(r).Replace(" ", "", StringComparison.Ordinal);
            var rearranged = iban[4..] + iban[..4];
            var digits = string.Concat(rearranged.Select(ch => char.IsLetter(ch) ? (ch - 'A' + 10).ToString(CultureInfo.InvariantCulture) : ch.ToString()));
            Assert.Equal(1, (int)(System.Numerics.BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97));
        }
    }

    [GeneratedRegex(@"^A0[0-4]\d$")]
    private static partial Regex AgentId();

    [GeneratedRegex(@"^C\d{7}$")]
    private static partial Regex CustomerKey();

    [GeneratedRegex(@"@|\b06[ -]?\d|\+31 ?6|\bNL\d{2} ?[A-Z]{4}", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalDataPattern();
}
