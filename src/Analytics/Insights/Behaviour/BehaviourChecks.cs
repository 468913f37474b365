namespace Analytics.Insights.Behaviour;

public static class Speakers
{
    public const string Agent = "agent";
    public const string Customer = "customer";
}

public sealed record Turn(int Seq, string Speaker, int StartMs, int EndMs, string Text);

/// <summary>Why a check fired: the check's name, the turn (Seq) that triggered it, and the words or figure that did.</summary>
public sealed record Finding(string Check, int Seq, string Evidence);

public static class Checks
{
    public const string Interruption = "interruption";
    public const string OpenQuestion = "open_question";
    public const string Summary = "summary";
    public const string AcknowledgedBeforeId = "acknowledged_before_id";
    public const string IdBeforeAcknowledgement = "id_before_acknowledgement";
    public const string LongSilence = "long_silence";
    public const string TopScoreRequest = "top_score_request";
}

/// <summary>
/// The scorecard of one contact. AcknowledgedBeforeId is null when the agent never asked for identification;
/// ratios are null when one side never spoke.
/// </summary>
public sealed record BehaviourResult(
    int Interruptions, int OpenQuestions, bool Summarised, bool? AcknowledgedBeforeId, double? TalkListenRatio,
    int LongSilences, double? WordsPerMinute, bool AskedForTopScore, IReadOnlyList<Finding> Findings);

public sealed class BehaviourOptions
{
    /// <summary>A gap with nobody speaking longer than this is a long silence.</summary>
    public int LongSilenceMs { get; init; } = 5000;
    /// <summary>Overlap shorter than this is turn-taking, not an interruption (0 = any overlap counts, as the issue states).</summary>
    public int InterruptionToleranceMs { get; init; }
}

/// <summary>Explainable, rule-based checks over one transcript; every finding points at its turn.</summary>
public static partial class BehaviourChecks
{
    [System.Text.RegularExpressions.GeneratedRegex(@"[^.?!;]+[.?!;]*")]
    private static partial System.Text.RegularExpressions.Regex SentenceRegex();

    public static BehaviourResult Evaluate(IReadOnlyList<Turn> turns, BehaviourOptions? options = null)
    {
        options ??= new BehaviourOptions();
        var ordered = turns.OrderBy(t => t.StartMs).ThenBy(t => t.Seq).ToList();
        var findings = new List<Finding>();
        var norm = ordered.ToDictionary(t => t.Seq, t => Phrases.Normalise(t.Text));
        bool IsAgent(Turn t) => t.Speaker == Speakers.Agent;

        // Interruptions: the agent starts while a customer turn is still running (backchannels excepted).
        var interruptions = 0;
        foreach (var a in ordered.Where(IsAgent))
        {
            if (Phrases.Backchannel.Contains(norm[a.Seq].Trim())) continue;
            var cut = ordered.FirstOrDefault(c => c.Speaker == Speakers.Customer && c.StartMs < a.StartMs
                                                  && a.StartMs < c.EndMs - options.InterruptionToleranceMs);
            if (cut is null) continue;
            interruptions++;
            findings.Add(new Finding(Checks.Interruption, a.Seq, $"started {cut.EndMs - a.StartMs} ms before customer turn {cut.Seq} ended"));
        }

        // Open questions: a question whose clause opens with an interrogative ("Hoe kan ik u helpen?"), or an invitation to
        // explain. Without any '?' in the transcript (unpunctuated speech-to-text) every sentence is a candidate.
        var punctuated = ordered.Any(t => t.Text.Contains('?'));
        var openQuestions = 0;
        foreach (var a in ordered.Where(IsAgent))
        {
            foreach (System.Text.RegularExpressions.Match m in SentenceRegex().Matches(a.Text))
            {
                var sentence = m.Value.Trim();
                if (punctuated && !sentence.EndsWith('?')) continue;
                var s = Phrases.Normalise(sentence);
                if (s.Trim().Length == 0 || Phrases.Find(s, Phrases.IdentificationRequest) is not null) continue;
                var opensWithInterrogative = sentence.Split(',').Any(clause =>
                    Phrases.OpenQuestionStarts.Contains(Phrases.Normalise(clause).Trim().Split(' ')[0]));
                if (!opensWithInterrogative && Phrases.Find(s, Phrases.OpenQuestionPhrases) is null) continue;
                openQuestions++;
                findings.Add(new Finding(Checks.OpenQuestion, a.Seq, sentence));
            }
        }

        var summary = ordered.Where(IsAgent).Select(a => (a, hit: Phrases.Find(norm[a.Seq], Phrases.Summary))).FirstOrDefault(x => x.hit is not null);
        if (summary.hit is not null) findings.Add(new Finding(Checks.Summary, summary.a.Seq, summary.hit));

        var acknowledged = AcknowledgedBeforeIdentification(ordered, norm, findings);

        // Silences: gaps after everything said so far has ended.
        var silences = 0;
        var spokenUntil = int.MinValue;
        foreach (var t in ordered)
        {
            if (spokenUntil != int.MinValue && t.StartMs - spokenUntil > options.LongSilenceMs)
            {
                silences++;
                findings.Add(new Finding(Checks.LongSilence, t.Seq, $"{(t.StartMs - spokenUntil) / 1000.0:0.#} s of silence before this turn"));
            }
            spokenUntil = Math.Max(spokenUntil, t.EndMs);
        }

        double agentMs = ordered.Where(IsAgent).Sum(t => (double)Math.Max(0, t.EndMs - t.StartMs));
        double customerMs = ordered.Where(t => t.Speaker == Speakers.Customer).Sum(t => (double)Math.Max(0, t.EndMs - t.StartMs));
        var agentWords = ordered.Where(IsAgent).Sum(t => norm[t.Seq].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

        var topScore = ordered.Where(IsAgent).Select(a => (a, hit: Phrases.Find(norm[a.Seq], Phrases.TopScoreRequest))).FirstOrDefault(x => x.hit is not null);
        if (topScore.hit is not null) findings.Add(new Finding(Checks.TopScoreRequest, topScore.a.Seq, topScore.hit));

        return new BehaviourResult(
            interruptions, openQuestions, summary.hit is not null, acknowledged,
            customerMs > 0 ? agentMs / customerMs : null, silences,
            agentMs > 0 ? agentWords / (agentMs / 60000) : null, topScore.hit is not null,
            findings.OrderBy(f => f.Seq).ToList());
    }

    /// <summary>
    /// Did the agent acknowledge the customer's issue (after the customer first spoke) before asking for postcode,
    /// date of birth and the like? Null when no identification was asked. Acknowledgement earlier in the same turn counts.
    /// </summary>
    private static bool? AcknowledgedBeforeIdentification(List<Turn> ordered, Dictionary<int, string> norm, List<Finding> findings)
    {
        var customerSpoke = false;
        var acknowledged = false;
        foreach (var t in ordered)
        {
            if (t.Speaker == Speakers.Customer) { customerSpoke = true; continue; }
            var text = norm[t.Seq];
            var idAt = Phrases.IndexOf(text, Phrases.IdentificationRequest);
            var ackAt = customerSpoke ? Phrases.IndexOf(text, Phrases.Acknowledgement) : -1;
            if (ackAt >= 0 && (idAt < 0 || ackAt < idAt)) acknowledged = true;
            if (idAt < 0) continue;
            var id = Phrases.Find(text, Phrases.IdentificationRequest)!;
            findings.Add(acknowledged
                ? new Finding(Checks.AcknowledgedBeforeId, t.Seq, $"acknowledged before asking for '{id}'")
                : new Finding(Checks.IdBeforeAcknowledgement, t.Seq, $"asked for '{id}' before acknowledging the customer"));
            return acknowledged;
        }
        return null;
    }
}
