using Analytics.Access;
using Analytics.Api.Access;
using Analytics.Api.Privacy;
using Analytics.Api.Scorecards;
using Analytics.Data;
using Analytics.Insights.Agents;
using Analytics.Insights.Behaviour;
using Analytics.Insights.Repeats;
using Analytics.Metrics;
using Analytics.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Web.Pages.Quality;

/// <summary>A detractor's comment on one of the agent's contacts.</summary>
internal sealed record DetractorRow(long? ContactId, string? ContactSourceId, int Score, string Comment, DateTime RespondedUtc);

/// <summary>
/// What a team lead brings to a coaching conversation: the agent's scorecard as GET /api/v1/agents/{code}/scorecard
/// answers it (agent-level roles, a team lead's own agents only, audited), the behaviour checks beside the team's,
/// detractors' comments and the turns the auto-QA checks flagged. Only after the scorecard's own scope check passed is
/// anything else read.
/// </summary>
[AccessAs("GET /api/v1/agents/{code}/scorecard")]
internal sealed class AgentModel(AnalyticsDbContext db) : WebPage
{
    private const int Shown = 10;

    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public WebMonth Period { get; private set; }
    public AgentScorecard? Card { get; private set; }
    public BehaviourSummary? Behaviour { get; private set; }
    public BehaviourSummary? TeamBehaviour { get; private set; }
    public IReadOnlyList<DetractorRow> Detractors { get; private set; } = [];
    public IReadOnlyList<FlaggedTurn> Flagged { get; private set; } = [];
    public bool TranscriptHidden { get; private set; }

    public async Task OnGetAsync([FromServices] SurveyMetrics surveys, [FromServices] ContactMetrics contacts,
        [FromServices] RepeatAnalysis repeats, [FromServices] FairRanking ranking, [FromServices] BehaviourScorecard behaviour,
        [FromServices] AgentScopes scopes, [FromServices] Switched switched, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (WebMonth.Parse(Month, errors) is not { } month) { Invalid(errors); return; }
        (Period, Month) = (month, month.Value);
        Card = Take<AgentScorecard>(await ScorecardEndpoints.GetAgentAsync(Code, month.From, month.To, db, surveys, contacts,
            repeats, ranking, behaviour, scopes, switched, HttpContext, ct));
        if (Card is null) return;
        // The scorecard counts per month, and this period is one.
        Behaviour = Card.BehaviourByMonth.FirstOrDefault(b => b.Period == month.Value);
        if (Card.Team is { } team) TeamBehaviour = await behaviour.ForTeamAsync(month.Period, team, ct);
        Detractors = await DetractorsAsync(month, ct);
        // Flagged turns are the transcript's words: where quality managers may not read transcripts, not these either.
        TranscriptHidden = User.Role() == Roles.QualityManager
                           && await switched.RefuseAsync(PrivacySwitches.TranscriptsForQualityManagers, ct) is not null;
        if (!TranscriptHidden) Flagged = await behaviour.FlaggedTurnsAsync(month.Period, Code, Shown, ct);
    }

    private async Task<IReadOnlyList<DetractorRow>> DetractorsAsync(WebMonth month, CancellationToken ct)
    {
        var (start, end) = (month.Period.FromUtc, month.Period.ToUtcExclusive);
        return await (from s in db.Surveys.AsNoTracking()
                join a in db.Agents on s.AgentId equals a.Id
                join c in db.Contacts on s.ContactId equals c.Id into cs
                from c in cs.DefaultIfEmpty()
                where a.Code == Code && s.Type == "nps" && s.Score <= 6 && s.Comment != null
                      && s.RespondedUtc >= start && s.RespondedUtc < end
                orderby s.RespondedUtc descending
                select new DetractorRow(s.ContactId, c == null ? null : c.SourceId, s.Score, s.Comment!, s.RespondedUtc))
            .Take(Shown).ToListAsync(ct);
    }

    /// <summary>The behaviour rows: the check's words, and how to show a summary's figure for it.</summary>
    public static readonly (string Key, Func<BehaviourSummary, Analytics.Reports.ReportLanguage, string> Figure)[] Checks =
    [
        ("b.contacts", (b, l) => l.Number(b.Contacts)),
        ("b.interruptions", (b, l) => l.Number(b.InterruptionsPerContact, 2)),
        ("b.open", (b, l) => l.Number(b.OpenQuestionsPerContact, 2)),
        ("b.summarised", (b, l) => l.Percent(b.Summarised.Value, 0)),
        ("b.acknowledged", (b, l) => double.IsNaN(b.AcknowledgedBeforeId.Value) ? "–" : l.Percent(b.AcknowledgedBeforeId.Value, 0)),
        ("b.silences", (b, l) => l.Number(b.LongSilencesPerContact, 2)),
        ("b.wpm", (b, l) => b.MeanWordsPerMinute is { } w ? l.Number(w) : "–"),
        ("b.topscore", (b, l) => l.Number(b.TopScoreRequests)),
    ];
}
