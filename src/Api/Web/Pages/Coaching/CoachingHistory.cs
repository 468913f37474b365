using Analytics.Api.Evaluations;
using Analytics.Coaching;
using Analytics.Api.Coaching;

namespace Analytics.Api.Web.Pages.Coaching;

/// <summary>An evaluation in the history; Link only where the reader may open the evaluation's page.</summary>
internal sealed record HistoryEvaluation(long Id, long ContactId, string Form, string Evaluator, string Status,
    double? ScorePercent, DateTime CreatedUtc, string? Link);

/// <summary>A session with its measured effect; Effect null where the reader is not given it (the agent
/// itself).</summary>
internal sealed record HistorySession(CoachingSessionDto Session, CoachingEffect? Effect);

/// <summary>What the coaching-history pages show, whoever reads them: evaluations, disputes and sessions of one
/// agent.</summary>
internal sealed record CoachingHistory(string Agent, IReadOnlyList<HistoryEvaluation> Evaluations,
    IReadOnlyList<DisputeDto> Disputes, IReadOnlyList<HistorySession> Sessions, bool Effects);
