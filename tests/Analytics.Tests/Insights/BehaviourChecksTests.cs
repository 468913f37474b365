using Analytics.Insights.Behaviour;

namespace Analytics.Tests.Insights;

public sealed class BehaviourChecksTests
{
    private static Turn A(int seq, int start, int end, string text) => new(seq, Speakers.Agent, start, end, text);
    private static Turn K(int seq, int start, int end, string text) => new(seq, Speakers.Customer, start, end, text);

    // A good Dutch call: greeting, customer explains, agent acknowledges, then asks for identification, asks an open question,
    // summarises. No overlap, one 7-second silence (turn 6 starts 7 s after turn 5 ends).
    private static readonly List<Turn> GoodDutch =
    [
        A(1, 0, 3000, "Goedemorgen, u spreekt met Anna. Waarmee kan ik u helpen?"),
        K(2, 3200, 12000, "Mijn factuur is veel te hoog deze maand en ik snap niet waarom."),
        A(3, 12300, 18000, "Wat vervelend dat u dat ziet, daar help ik u graag mee. Mag ik uw postcode en huisnummer?"),
        K(4, 18200, 21000, "1234 AB, nummer 5."),
        A(5, 21500, 26000, "Dank u. Hoe is het verbruik de afgelopen maanden geweest?"),
        K(6, 33000, 38000, "Gewoon hetzelfde als altijd."),
        A(7, 38500, 44500, "Als ik het goed begrijp is het verbruik gelijk gebleven maar het bedrag verdubbeld, klopt dat?"),
    ];

    [Fact]
    public void AGoodDutchCallPassesEveryCheckAndPointsAtTheTurns()
    {
        var r = BehaviourChecks.Evaluate(GoodDutch);
        Assert.Equal(0, r.Interruptions);
        Assert.True(r.AcknowledgedBeforeId);
        Assert.Contains(r.Findings, f => f is { Check: Checks.AcknowledgedBeforeId, Seq: 3 });
        Assert.True(r.Summarised);
        Assert.Contains(r.Findings, f => f is { Check: Checks.Summary, Seq: 7 });
        // "Waarmee kan ik u helpen" (turn 1) and "Hoe is het verbruik…" (turn 5); the postcode request is not an open question.
        Assert.Equal(2, r.OpenQuestions);
        Assert.Equal([1, 5], r.Findings.Where(f => f.Check == Checks.OpenQuestion).Select(f => f.Seq));
        Assert.Equal(1, r.LongSilences);
        Assert.Equal(6, Assert.Single(r.Findings, f => f.Check == Checks.LongSilence).Seq);
        Assert.False(r.AskedForTopScore);
    }

    [Fact]
    public void TalkListenRatioAndSpeakingRateComeFromTurnTimings()
    {
        var r = BehaviourChecks.Evaluate(GoodDutch);
        // agent: 3000 + 5700 + 4500 + 6000 = 19200 ms; customer: 8800 + 2800 + 5000 = 16600 ms.
        Assert.Equal(19200.0 / 16600, r.TalkListenRatio!.Value, 9);
        // agent words: 9 + 18 + 9 + 18 = 54 words in 19.2 s = 168.75 words per minute.
        Assert.Equal(54 / (19200.0 / 60000), r.WordsPerMinute!.Value, 9);
    }

    [Fact]
    public void PostcodeFirstIsFlaggedAtTheIdentificationTurn()
    {
        List<Turn> t =
        [
            A(1, 0, 2000, "Goedemiddag, met Bert."),
            K(2, 2100, 9000, "Ik heb al drie dagen geen internet."),
            A(3, 9100, 12000, "Wat is uw postcode en huisnummer?"),
            K(4, 12100, 14000, "1234 AB 5"),
            A(5, 14100, 17000, "Dat is vervelend, ik ga u helpen."),
        ];
        var r = BehaviourChecks.Evaluate(t);
        Assert.False(r.AcknowledgedBeforeId);
        Assert.Equal(3, Assert.Single(r.Findings, f => f.Check == Checks.IdBeforeAcknowledgement).Seq);
        Assert.Equal(0, r.OpenQuestions); // "Wat is uw postcode" asks for data
    }

    [Fact]
    public void AnAcknowledgementBeforeTheCustomerSpokeDoesNotCount()
    {
        List<Turn> t =
        [
            A(1, 0, 2000, "Sorry voor het wachten, wat is uw klantnummer?"),
            K(2, 2100, 5000, "12345"),
        ];
        Assert.False(BehaviourChecks.Evaluate(t).AcknowledgedBeforeId);
    }

    [Fact]
    public void InterruptionIsTheAgentTurnThatStartsBeforeTheCustomerEndsButBackchannelsAreNot()
    {
        List<Turn> t =
        [
            K(1, 0, 10000, "I have been trying to reach you for a week and nobody calls back"),
            A(2, 4000, 4400, "Mhm."),
            A(3, 8000, 12000, "Right, let me stop you there, what is your account number?"),
            K(4, 12500, 14000, "It's 5 5 5"),
        ];
        var r = BehaviourChecks.Evaluate(t);
        Assert.Equal(1, r.Interruptions);
        var f = Assert.Single(r.Findings, x => x.Check == Checks.Interruption);
        Assert.Equal(3, f.Seq);
        Assert.Contains("2000 ms", f.Evidence);
        Assert.False(r.AcknowledgedBeforeId);
    }

    [Fact]
    public void EnglishCallWithSummaryAndAcknowledgement()
    {
        List<Turn> t =
        [
            A(1, 0, 2500, "Good morning, this is Cees, how can I help you?"),
            K(2, 2600, 8000, "My router keeps dropping the connection."),
            A(3, 8100, 13000, "I'm sorry to hear that. Could you tell me when it started? And your postcode and house number please."),
            K(4, 13100, 16000, "Since Monday. 1234AB 5."),
            A(5, 16100, 21000, "So if I understand correctly, it drops every evening since Monday."),
        ];
        var r = BehaviourChecks.Evaluate(t);
        Assert.True(r.AcknowledgedBeforeId);
        Assert.True(r.Summarised);
        Assert.Equal(2, r.OpenQuestions); // "how can I help you" and "Could you tell me when it started"
    }

    [Theory]
    [InlineData("Als u straks een enquête krijgt, wilt u ons dan een 10 geven?")]
    [InlineData("Zou u mij een negen of tien willen geven in de enquête?")]
    [InlineData("If you get a survey, please give us a 10!")]
    public void AskingForATopScoreIsFlagged(string text)
    {
        List<Turn> t = [K(1, 0, 1000, "Bedankt."), A(2, 1200, 5000, text)];
        var r = BehaviourChecks.Evaluate(t);
        Assert.True(r.AskedForTopScore);
        Assert.Equal(2, Assert.Single(r.Findings, f => f.Check == Checks.TopScoreRequest).Seq);
    }

    [Fact]
    public void AnEmptyTranscriptHasNoRatiosAndNoFindings()
    {
        var r = BehaviourChecks.Evaluate([]);
        Assert.Null(r.TalkListenRatio);
        Assert.Null(r.WordsPerMinute);
        Assert.Null(r.AcknowledgedBeforeId);
        Assert.Empty(r.Findings);
    }
}
