using System.Runtime.CompilerServices;
using Analytics.Api.Access;
using Analytics.Api.Common;
using Analytics.Api.Metrics;
using Analytics.Api.Models;
using Analytics.Contacts;
using Analytics.Data;
using Analytics.Reasons;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Analytics.Api.Contacts;

internal static class ContactEndpoints
{
    private const int MaxPage = 500;
    private static readonly Dictionary<string, string> SortColumns = new()
    {
        ["started"] = "c.started_utc", ["wait"] = "c.wait_seconds", ["talk"] = "c.talk_seconds",
    };

    public static RouteGroupBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/contacts").WithTags("Contacts");
        group.MapGet("/", SearchAsync).WithName("SearchContacts")
            .WithSummary("Search contacts (full text over notes and transcripts, Dutch and English) with filters; cursor-paged; Accept: text/csv exports all.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetContact")
            .WithSummary("One contact with its transcript, surveys, predictions, reason corrections and the behaviour checks of its transcript (agent-level roles only).");
        group.MapPost("/{id:long}/reason", CorrectReasonAsync).WithName("CorrectContactReason")
            .WithSummary("An analyst relabels a contact's reason; the correction becomes training data for the reason model.");
        return group;
    }

    internal static async Task<Results<Ok<ContactPage>, ValidationProblem, EmptyHttpResult, ProblemHttpResult>> SearchAsync(
        HttpContext http, NpgsqlDataSource db, AgentNames agentNames, Metrics.PrivacyOptions privacy, IOptions<ApiOptions> api,
        AgentScopes scopes, CancellationToken ct,
        string? q = null, string? from = null, string? to = null, string? channel = null, string? reason = null, string? team = null,
        string? agent = null, string? queue = null, string? language = null, string? sort = null, string? cursor = null, int? limit = null)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        sort ??= "-started";
        var descending = sort.StartsWith('-');
        var sortKey = sort.TrimStart('-');
        if (!SortColumns.TryGetValue(sortKey, out var sortColumn)) errors["sort"] = [$"sort by one of {string.Join(", ", SortColumns.Keys)} (prefix - for descending)"];
        var pageSize = limit ?? 50;
        if (pageSize is < 1 or > MaxPage) errors["limit"] = [$"limit must be between 1 and {MaxPage}"];
        var after = cursor is null ? null : ContactCursor.Decode(cursor, sort);
        if (cursor is not null && after is null)
            errors["cursor"] = ["not a cursor from this listing (take nextCursor from the last page, same sort)"];
        if (channel is not null && !Channels.All.Contains(channel)) errors["channel"] = [$"use one of {string.Join(", ", Channels.All)}"];
        if (q is { Length: > 200 }) errors["q"] = ["at most 200 characters"];
        var lang = QueryParsing.Language(language, errors);
        QueryParsing.RawScanLimit(period, api.Value.MaxPeriodDays, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // A team lead searching its own team (team=…) sees that team's agents as a quality manager does, audited.
        var scope = await scopes.ForAsync(http, ct);
        var seeAgents = scope.All || scope.SeesTeam(team);
        if (seeAgents && !scope.All) await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(http, 200, ct);
        var names = seeAgents ? null : await agentNames.GetAsync(ct);
        var codes = http.RequestServices.GetRequiredService<ContactCodes>();
        if (!seeAgents && await OneAgentsContactsAsync(db, names!, q, agent, team, privacy, ct) is { } why)
        {
            await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(http, 403, ct);
            return TypedResults.Problem(statusCode: 403, title: "Not allowed for this role", detail: why);
        }

        var where = new List<string> { "c.started_utc >= @from", "c.started_utc < @to" };
        if (q is { Length: > 0 }) where.Add("s.vector @@ (websearch_to_tsquery('dutch', @q) || websearch_to_tsquery('english', @q))");
        if (channel is not null) where.Add("c.channel = @channel");
        if (queue is not null) where.Add("c.queue = @queue");
        if (lang is not null) where.Add("c.language = @language");
        if (reason is not null) where.Add("c.reason_id = (SELECT id FROM contact_reasons WHERE code = @reason)");
        if (team is not null) where.Add("c.agent_id IN (SELECT a.id FROM agents a JOIN teams t ON t.id = a.team_id WHERE t.code = @team)");
        if (agent is not null) where.Add("c.agent_id = (SELECT id FROM agents WHERE code = @agent)");
        if (!seeAgents) where.Add(NoSmallTeam);
        var csv = CsvExport.Wanted(http.Request);
        var maxExport = api.Value.MaxExportRows;
        if (after is not null && !csv)
            where.Add($"({sortColumn}, c.id) {(descending ? "<" : ">")} (@after::{(sortKey == "started" ? "timestamptz" : "int")}, @afterId)");
        var order = descending ? "DESC" : "ASC";
        var sql = $"""
            SELECT c.id, c.source_id, c.channel, c.queue, c.started_utc, c.wait_seconds, c.talk_seconds, c.hold_seconds, c.acw_seconds,
                   c.transfers, c.outcome, c.reason_id, c.agent_id, c.notes, c.language
            FROM contacts c
            {(q is { Length: > 0 } ? "JOIN contact_search s ON s.contact_id = c.id" : "")}
            WHERE {string.Join(" AND ", where)}
            ORDER BY {sortColumn} {order}, c.id {order}
            LIMIT @limit
            """;
        NpgsqlCommand Command()
        {
            var cmd = db.CreateCommand(sql);
            cmd.Parameters.AddWithValue("from", period!.Value.FromUtc);
            cmd.Parameters.AddWithValue("to", period.Value.ToUtcExclusive);
            // An export is bounded too: rows and time, so one request cannot hold the database for an hour.
            cmd.Parameters.AddWithValue("limit", csv ? maxExport : pageSize + 1);
            if (!seeAgents) cmd.Parameters.AddWithValue("minimumAgents", privacy.MinimumAgents);
            if (q is { Length: > 0 }) cmd.Parameters.AddWithValue("q", q);
            if (channel is not null) cmd.Parameters.AddWithValue("channel", channel);
            if (queue is not null) cmd.Parameters.AddWithValue("queue", queue);
            if (lang is not null) cmd.Parameters.AddWithValue("language", lang);
            if (reason is not null) cmd.Parameters.AddWithValue("reason", reason);
            if (team is not null) cmd.Parameters.AddWithValue("team", team);
            if (agent is not null) cmd.Parameters.AddWithValue("agent", agent);
            if (after is not null)
            {
                cmd.Parameters.AddWithValue("after", after.After);
                cmd.Parameters.AddWithValue("afterId", after.Id);
            }
            cmd.CommandTimeout = csv ? 120 : 30;
            return cmd;
        }

        if (csv)
        {
            // Exports leave the system: who took which contacts is audited, whatever the role.
            await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(http, 200, ct);
            await CsvExport.WriteAsync(http.Response, "contacts.csv", ContactRow.CsvHeader, Rows(Command(), codes, seeAgents, names, ct), ct);
            return TypedResults.Empty;
        }

        async Task<ContactPage> PageAsync()
        {
            var read = await http.RequestServices.GetRequiredService<SearchGate>().RunAsync(async () =>
            {
                var rows = new List<ContactRow.Coded>();
                await using var cmd = Command();
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) rows.Add(ContactRow.Read(r));
                return rows;
            }, ct);
            var copy = await codes.GetAsync(ct);
            if (!read.All(x => copy.Knows(x.ReasonId, x.AgentId))) copy = await codes.ReloadAsync(copy, ct);
            var items = read.Select(x => x.Named(copy, seeAgents).Shown(names)).ToList();
            string? next = null;
            if (items.Count > pageSize)
            {
                items.RemoveAt(items.Count - 1);
                next = ContactCursor.From(sort, items[^1]).Encode();
            }
            return new ContactPage(items, next);
        }

        // First pages are what dashboards and repeated searches ask: cached per data version like metric answers (a new
        // batch, its search documents or a correction change the version). Later pages and exports always read. The
        // key is the question itself, not the URL: pages ask with other URLs (a reason's page: its code in the path).
        if (after is not null) return TypedResults.Ok(await PageAsync());
        var question = string.Join('|', q, from, to, channel, reason, team, agent, queue, language, sort, pageSize);
        return TypedResults.Ok(await http.RequestServices.GetRequiredService<Common.DataVersion>().CachedAsync(
            $"contacts:{seeAgents}:{question}", PageAsync, ct,
            http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Api:CacheSeconds", 300)));
    }

    // For roles without agent access a listing holds no contact of a team too small to hide in (the rule of the team
    // filter): rows can be counted exactly, so all rows − the visible teams' rows would otherwise be the small team's.
    private const string NoSmallTeam =
        "(c.agent_id IS NULL OR c.agent_id NOT IN (SELECT id FROM agents WHERE team_id IN " +
        "(SELECT team_id FROM agents WHERE team_id IS NOT NULL GROUP BY team_id HAVING count(*) < @minimumAgents)))";

    private static async IAsyncEnumerable<object?[]> Rows(NpgsqlCommand cmd, ContactCodes codes, bool seeAgents,
        AgentNames.Words? names, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var _ = cmd;
        var copy = await codes.GetAsync(ct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var row = ContactRow.Read(r);
            if (!copy.Knows(row.ReasonId, row.AgentId)) copy = await codes.ReloadAsync(copy, ct);
            yield return row.Named(copy, seeAgents).Shown(names).Csv();
        }
    }

    /// <summary>
    /// For roles without agent access: why this search would select one agent's contacts (an agent filter, an agent's
    /// name in the query, a team too small to hide in), or null when it does not.
    /// </summary>
    private static async Task<string?> OneAgentsContactsAsync(NpgsqlDataSource db, AgentNames.Words names, string? q,
        string? agent, string? team, Metrics.PrivacyOptions privacy, CancellationToken ct)
    {
        if (agent is not null) return "Filtering on an agent is for the quality-manager and admin roles.";
        if (names.MentionedIn(q) is { } word)
            return $"'{word}' is part of an agent's name: searching for agents is for the quality-manager and admin roles.";
        if (team is null) return null;
        await using var cmd = db.CreateCommand(
            "SELECT count(*) FROM agents a JOIN teams t ON t.id = a.team_id WHERE t.code = @team");
        cmd.Parameters.AddWithValue("team", team);
        var agents = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return agents > 0 && agents < privacy.MinimumAgents
            ? $"team {team} has fewer than {privacy.MinimumAgents} agents: its contacts would point at one person."
            : null;
    }

    internal static async Task<Results<Ok<ContactDetail>, NotFound, ProblemHttpResult>> GetAsync(long id, AnalyticsDbContext db,
        Analytics.Classification.ModelRegistry models, Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
        Analytics.Insights.Behaviour.BehaviourScorecard behaviour, AgentScopes scopes, Privacy.Switched switched, HttpContext http,
        CancellationToken ct)
    {
        if (await scopes.RefuseContactAsync(http, id, ct) is { } refused) return refused;
        var c = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return TypedResults.NotFound();
        // The works council's switch: transcripts (and what is read from them) for team leads only, not quality managers.
        var transcripts = http.User.Role() != Analytics.Access.Roles.QualityManager
                          || (await switched.ValuesAsync(ct)).TranscriptsForQualityManagers;
        var agent = c.AgentId is { } aid ? await db.Agents.AsNoTracking().Include(a => a.Team).SingleOrDefaultAsync(a => a.Id == aid, ct) : null;
        var reason = c.ReasonId is { } rid ? await db.Reasons.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rid, ct) : null;
        var turns = await db.TranscriptTurns.AsNoTracking().Where(t => transcripts && t.ContactId == id).OrderBy(t => t.Seq)
            .Select(t => new TurnDto(t.Seq, t.Speaker, t.StartMs, t.EndMs, t.Text)).ToListAsync(ct);
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.ContactId == id).OrderBy(s => s.RespondedUtc)
            .Select(s => new SurveyDto(s.Id, s.Type, s.Score, s.Comment, s.RespondedUtc)).ToListAsync(ct);
        var predictions = await db.Predictions.AsNoTracking().Where(p => p.ContactId == id)
            .Select(p => new PredictionDto(p.Kind, p.Label, p.Confidence, p.ModelId, p.CreatedUtc)).ToListAsync(ct);
        var corrections = await db.ReasonCorrections.AsNoTracking().Where(x => x.ContactId == id).OrderBy(x => x.Id)
            .Select(x => new CorrectionDto(x.ReasonCode, x.PreviousReasonCode, x.CorrectedUtc)).ToListAsync(ct);
        var sentiment = await cache.ActiveModelAsync(models, Analytics.Classification.ModelKinds.Sentiment, ct);
        // Why the reasons model reads the notes as it does: the same words an analyst sees, each with its weight.
        var reasons = string.IsNullOrWhiteSpace(c.Notes) ? null
            : await cache.ActiveModelAsync(models, Analytics.Classification.ModelKinds.Reasons, ct);
        var turnaround = sentiment is null ? null
            : Analytics.Classification.SentimentTurnaround.Of(turns.Select(t => (t.Speaker, t.Text)).ToList(), sentiment.Value.Classifier);
        return TypedResults.Ok(new ContactDetail(c.Id, c.Source, c.SourceId, c.Channel, c.Queue, c.StartedUtc, c.EndedUtc, c.WaitSeconds,
            c.TalkSeconds, c.HoldSeconds, c.AcwSeconds, c.Transfers, c.Outcome, agent?.Code, agent?.Name, agent?.Team?.Code, reason?.Code,
            reason?.NameNl, c.Notes, c.Language, turns, surveys, predictions, corrections, turnaround,
            turns.Count > 0 ? await behaviour.ForContactAsync(id, ct) : null, TranscriptHidden: !transcripts)
        {
            NotesExplanation = reasons?.Classifier.Explain(c.Notes!),
        });
    }

    internal static async Task<Results<Ok<CorrectionDto>, NotFound, ValidationProblem>> CorrectReasonAsync(
        long id, CorrectReasonRequest request, AnalyticsDbContext db, HttpContext http, CancellationToken ct)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return TypedResults.NotFound();
        var reason = await db.Reasons.SingleOrDefaultAsync(r => r.Code == request.ReasonCode, ct);
        if (reason is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reasonCode"] = [$"'{request.ReasonCode}' is not in the taxonomy"] });
        var previous = contact.ReasonId is { } rid ? await db.Reasons.Where(r => r.Id == rid).Select(r => r.Code).SingleOrDefaultAsync(ct) : null;
        var correction = new ReasonCorrection
        {
            ContactId = id, ReasonCode = reason.Code, PreviousReasonCode = previous, ApiKeyId = http.User.KeyId(), CorrectedUtc = DateTime.UtcNow,
        };
        db.ReasonCorrections.Add(correction);
        // The corrected reason is what reports count from now on; the agent's code stays in the correction's history.
        contact.ReasonId = reason.Id;
        await db.SaveChangesAsync(ct);
        await db.Surveys.Where(x => x.ContactId == id).ExecuteUpdateAsync(x => x.SetProperty(v => v.ReasonId, reason.Id), ct);
        return TypedResults.Ok(new CorrectionDto(correction.ReasonCode, correction.PreviousReasonCode, correction.CorrectedUtc));
    }
}

public sealed record ContactPage(IReadOnlyList<ContactRow> Items, string? NextCursor);

public sealed record ContactRow(long Id, string SourceId, string Channel, string? Queue, DateTime StartedUtc, int WaitSeconds, int TalkSeconds,
    int HoldSeconds, int AcwSeconds, int Transfers, string? Outcome, string? Reason, string? Team, string? Agent, string? Notes,
    string? Language)
{
    public static readonly string[] CsvHeader =
        ["id", "source_id", "channel", "queue", "started_utc", "wait_s", "talk_s", "hold_s", "acw_s", "transfers", "outcome", "reason", "team", "agent", "notes", "language"];

    /// <summary>A row as read, its reason and agent still ids (<see cref="ContactCodes"/> names them).</summary>
    internal readonly record struct Coded(ContactRow Row, int? ReasonId, int? AgentId)
    {
        /// <summary>With the codes; the agent's only for roles that may see agents (the team is shown either way).</summary>
        public ContactRow Named(ContactCodes.Copy copy, bool seeAgents)
        {
            // Unknown after the reread only in a race with another caller's older reread: shown without a code
            // rather than failing the page.
            var agent = AgentId is { } a ? copy.Agents.GetValueOrDefault(a) : default;
            return Row with
            {
                Reason = ReasonId is { } id ? copy.Reasons.GetValueOrDefault(id) : null, Team = agent.Team,
                Agent = seeAgents ? agent.Code : null,
            };
        }
    }

    internal static Coded Read(NpgsqlDataReader r) => new(new(r.GetInt64(0), r.GetString(1), r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3), r.GetDateTime(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8),
        r.GetInt32(9), r.IsDBNull(10) ? null : r.GetString(10), null, null, null,
        r.IsDBNull(13) ? null : r.GetString(13), r.IsDBNull(14) ? null : r.GetString(14)),
        r.IsDBNull(11) ? null : r.GetInt32(11), r.IsDBNull(12) ? null : r.GetInt32(12));

    /// <summary>As a role without agent access sees it (names given): agents' names in the notes as [AGENT].</summary>
    internal ContactRow Shown(AgentNames.Words? names) => names is null ? this : this with { Notes = names.Redact(Notes) };

    /// <summary>The values of <see cref="CsvHeader"/>; the export formats them in the caller's CSV dialect.</summary>
    public object?[] Csv() =>
    [
        Id, SourceId, Channel, Queue, StartedUtc, WaitSeconds, TalkSeconds, HoldSeconds, AcwSeconds, Transfers, Outcome,
        Reason, Team, Agent, Notes, Language,
    ];
}

public sealed record TurnDto(int Seq, string Speaker, int StartMs, int EndMs, string Text);
public sealed record SurveyDto(long Id, string Type, int Score, string? Comment, DateTime RespondedUtc);
public sealed record PredictionDto(string Kind, string Label, float Confidence, int ModelId, DateTime CreatedUtc);
public sealed record CorrectionDto(string ReasonCode, string? PreviousReasonCode, DateTime CorrectedUtc);
public sealed record CorrectReasonRequest(string ReasonCode);

public sealed record ContactDetail(long Id, string Source, string SourceId, string Channel, string? Queue, DateTime StartedUtc, DateTime? EndedUtc,
    int WaitSeconds, int TalkSeconds, int HoldSeconds, int AcwSeconds, int Transfers, string? Outcome, string? Agent, string? AgentName,
    string? Team, string? Reason, string? ReasonName, string? Notes, string? Language, IReadOnlyList<TurnDto> Transcript, IReadOnlyList<SurveyDto> Surveys,
    IReadOnlyList<PredictionDto> Predictions, IReadOnlyList<CorrectionDto> Corrections, Analytics.Classification.Turnaround? CustomerSentiment,
    Analytics.Insights.Behaviour.BehaviourResult? Behaviour, bool TranscriptHidden = false)
{
    /// <summary>The active reasons model on the notes: each word's weight for its label, for and against, the runner-up.</summary>
    public Analytics.Classification.Explanation? NotesExplanation { get; init; }
}
