using Analytics.Insights.Behaviour;

namespace Analytics.Evaluations;

/// <summary>A pre-filled answer: yes, no or na, and the turns (seq) the check read it from.</summary>
public sealed record PreFill(string Value, IReadOnlyList<int> Evidence);

/// <summary>
/// What the behaviour checks (Insights/Behaviour) can answer on a form, as yes/no/na with the turns that decided it.
/// A check answers "no" to "did the agent do it" when its finding is absent, so the evidence of a "no" can be empty.
/// </summary>
public static class AutoQa
{
    /// <summary>Let the customer finish: yes when the agent never started inside a customer's turn.</summary>
    public const string LetFinish = "let_finish";
    public const string Ask = Insights.Behaviour.Checks.OpenQuestion;
    public const string Summarise = Insights.Behaviour.Checks.Summary;
    public const string EmpathyBeforeId = Insights.Behaviour.Checks.AcknowledgedBeforeId;
    /// <summary>No request for a top score (survey gaming): yes when the agent did not ask for a 9 or 10.</summary>
    public const string NoTopScoreRequest = "no_top_score_request";

    public static readonly string[] Checks = [LetFinish, Ask, Summarise, EmpathyBeforeId, NoTopScoreRequest];

    public static PreFill Answer(string check, BehaviourResult r)
    {
        IReadOnlyList<int> Turns(params string[] names) =>
            r.Findings.Where(f => names.Contains(f.Check)).Select(f => f.Seq).Distinct().Order().ToList();
        string YesNo(bool yes) => yes ? Answers.Yes : Answers.No;
        return check switch
        {
            LetFinish => new(YesNo(r.Interruptions == 0), Turns(Insights.Behaviour.Checks.Interruption)),
            Ask => new(YesNo(r.OpenQuestions > 0), Turns(Insights.Behaviour.Checks.OpenQuestion)),
            Summarise => new(YesNo(r.Summarised), Turns(Insights.Behaviour.Checks.Summary)),
            EmpathyBeforeId => new(r.AcknowledgedBeforeId is { } ack ? YesNo(ack) : Answers.NotApplicable,
                Turns(Insights.Behaviour.Checks.AcknowledgedBeforeId, Insights.Behaviour.Checks.IdBeforeAcknowledgement)),
            NoTopScoreRequest => new(YesNo(!r.AskedForTopScore), Turns(Insights.Behaviour.Checks.TopScoreRequest)),
            _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not an auto-QA check"),
        };
    }
}
