using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Metrics;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Reasons;

/// <summary>The filters of a Pareto: the API's query string and the Reasons page's URL alike.</summary>
internal sealed record ParetoQuery(string? From, string? To, string? Team, string? Channel, string? Queue, string? Language);

/// <summary>
/// The Pareto of contact reasons as the API and the Reasons page both answer it: one place applies the publication rule
/// (decision 020: whole periods, cell-key noise, small teams refused, reasons of too few agents suppressed).
/// </summary>
internal sealed class ReasonPareto(ReasonMetrics metrics, PrivacyOptions privacy, Publication publication, AuditLog audit,
    Common.DataVersion version, IConfiguration config)
{
    public async Task<Results<Ok<ParetoResponse>, ValidationProblem, ProblemHttpResult>> AskAsync(ParetoQuery q,
        HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(q.From, q.To, errors);
        var filter = QueryParsing.ContactFilter(q.Team, null, q.Queue, q.Channel, null, q.Language, errors);
        var published = !http.User.SeesAgents();
        if (published) Publication.RequireGrain(period, "none", "none", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var p = period!.Value;
        var previous = published ? Publication.Previous(p) : p.Previous();
        if (published
            && await publication.SmallTeamAsync(filter.Team, new Period(previous.From, p.To), privacy.MinimumAgents, ct))
            return await Publication.RefuseSmallTeamAsync(audit, http, filter.Team!, privacy, ct);
        // Cached per data version as the metrics are: the Overview and the Reasons page ask the same month again and again,
        // and two periods of contacts are read for each (about a second at 1M contacts on a loaded machine).
        var v = await version.CachedAsync($"pareto:{p}:{previous}:{System.Text.Json.JsonSerializer.Serialize(filter)}",
            () => metrics.VolumesAsync(p, ct, filter.Team, filter.Channel, previous, filter.Queue, filter.Language), ct,
            config.GetValue("Api:CacheSeconds", 300));
        if (published) v = Publication.Perturb(v, previous, await publication.KeyAsync(ct), filter);
        // A reason handled by fewer agents than a team must have is suppressed like such a group of /metrics (and listed last).
        var minimumAgents = published ? privacy.MinimumAgents : 0;
        bool Small(int contacts, int agents) => contacts > 0 && agents < minimumAgents;
        var cumulative = 0.0;
        return TypedResults.Ok(new ParetoResponse(v.Period.From, v.Period.To, v.TotalContacts, v.Uncoded, v.Reasons
            .OrderBy(r => Small(r.Contacts, r.Agents)).Select(r =>
            {
                int? before = Small(r.PreviousContacts, r.PreviousAgents) ? null : r.PreviousContacts;
                if (Small(r.Contacts, r.Agents))
                    return new ParetoRow(r.Code, r.NameNl, r.NameEn, r.Department, r.Avoidable, null, null, null, before, true);
                cumulative += r.SharePercent;
                return new ParetoRow(r.Code, r.NameNl, r.NameEn, r.Department, r.Avoidable, r.Contacts, r.SharePercent,
                    cumulative, before);
            }).ToList()));
    }
}
