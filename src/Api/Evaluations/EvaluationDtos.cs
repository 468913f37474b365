using Analytics.Api.Contacts;
using Analytics.Data;
using Analytics.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Evaluations;

public sealed record EvaluationRequest(long? ContactId, int? FormId, string? Calibration);

public sealed record AnswerRequest(string? Item, string? Value, string? Comment);

/// <summary>Confirm=true finishes the evaluation: every item then needs a value (na where the item allows it).</summary>
public sealed record AnswersRequest(IReadOnlyList<AnswerRequest>? Answers, bool Confirm);

public sealed record DisputeRequest(string? Item, string? Comment);

/// <summary>Upheld with a value changes the item's answer (and the score); rejected leaves it.</summary>
public sealed record ResolveRequest(bool? Upheld, string? Value, string? Comment);

/// <summary>Evidence: the transcript turns (seq) the auto-QA check read its answer from.</summary>
public sealed record ItemAnswerDto(string Section, string Item, string TextNl, string TextEn, string Kind, int Weight, bool AllowNa,
    int? ScaleMax, string? Check, string? AutoValue, string? Value, bool Overridden, string? Comment, IReadOnlyList<int> Evidence);

public sealed record DisputeDto(long Id, long EvaluationId, string Item, string Comment, DateTime RaisedUtc, string Status,
    string? Resolution, DateTime? ResolvedUtc);

/// <summary>Transcript and notes beside the items; the transcript is empty when the privacy switch hides it from this role.</summary>
public sealed record EvaluationDto(long Id, int FormId, string Form, long ContactId, string? Agent, string? Team, string Evaluator,
    string? Calibration, string Status, double? ScorePercent, DateTime CreatedUtc, DateTime? ConfirmedUtc, string ContactLink,
    string? Notes, IReadOnlyList<TurnDto>? Transcript, IReadOnlyList<ItemAnswerDto> Items, IReadOnlyList<DisputeDto> Disputes);

public sealed record EvaluationSummaryDto(long Id, long ContactId, string? Agent, string? Team, string Form, string Evaluator,
    string? Calibration, string Status, double? ScorePercent, DateTime CreatedUtc, int OpenDisputes);

public sealed record DisputeSummaryDto(int Raised, int Open, int Upheld, int Rejected, IReadOnlyList<DisputeDto> Disputes);

/// <summary>An evaluation with what decides who may see it: its contact's agent and team.</summary>
// A member-init type, not a positional record: EF can filter on its members only then.
internal sealed class Located
{
    public required Evaluation Evaluation { get; init; }
    public string? Agent { get; init; }
    public string? Team { get; init; }
}

internal static class EvaluationReads
{
    public static IQueryable<Located> Locate(AnalyticsDbContext db) =>
        from e in db.Set<Evaluation>()
        join c in db.Contacts on e.ContactId equals c.Id
        join a in db.Agents on c.AgentId equals a.Id into agents
        from a in agents.DefaultIfEmpty()
        join t in db.Teams on a.TeamId equals t.Id into teams
        from t in teams.DefaultIfEmpty()
        select new Located { Evaluation = e, Agent = a == null ? null : a.Code, Team = t == null ? null : t.Code };

    public static DisputeDto AsDto(this EvaluationDispute d) =>
        new(d.Id, d.EvaluationId, d.ItemCode, d.Comment, d.RaisedUtc, d.Status, d.Resolution, d.ResolvedUtc);

    /// <summary>The whole evaluation; transcript false leaves out turns and notes (a list, or a switched-off role).</summary>
    public static async Task<EvaluationDto> DtoAsync(AnalyticsDbContext db, Located l, bool transcript, CancellationToken ct)
    {
        var e = l.Evaluation;
        var form = await db.Set<EvaluationForm>().AsNoTracking().SingleAsync(f => f.Id == e.FormId, ct);
        var answers = await db.Set<EvaluationAnswer>().AsNoTracking().Where(a => a.EvaluationId == e.Id)
            .ToDictionaryAsync(a => a.ItemCode, StringComparer.Ordinal, ct);
        var items = form.ReadSections().SelectMany(s => s.Items.Select(i => (s, i))).Select(x =>
        {
            var a = answers.GetValueOrDefault(x.i.Code);
            return new ItemAnswerDto(x.s.Code, x.i.Code, x.i.TextNl, x.i.TextEn, x.i.Kind, x.i.Weight, x.i.AllowNa, x.i.ScaleMax, x.i.Check,
                a?.AutoValue, a?.Value, a?.AutoValue is not null && a.Value is not null && a.AutoValue != a.Value, a?.Comment,
                a?.Evidence ?? []);
        }).ToList();
        var disputes = await db.Set<EvaluationDispute>().AsNoTracking().Where(d => d.EvaluationId == e.Id).OrderBy(d => d.Id)
            .ToListAsync(ct);
        List<TurnDto>? turns = null;
        string? notes = null;
        if (transcript)
        {
            turns = await db.TranscriptTurns.AsNoTracking().Where(t => t.ContactId == e.ContactId).OrderBy(t => t.Seq)
                .Select(t => new TurnDto(t.Seq, t.Speaker, t.StartMs, t.EndMs, t.Text)).ToListAsync(ct);
            notes = await db.Contacts.Where(c => c.Id == e.ContactId).Select(c => c.Notes).SingleAsync(ct);
        }
        return new EvaluationDto(e.Id, e.FormId, form.Code, e.ContactId, l.Agent, l.Team, e.Evaluator, e.Calibration, e.Status,
            e.ScorePercent, e.CreatedUtc, e.ConfirmedUtc, $"/api/v1/contacts/{e.ContactId}", notes, turns, items,
            disputes.Select(d => d.AsDto()).ToList());
    }
}
