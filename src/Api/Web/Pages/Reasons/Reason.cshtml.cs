using Analytics.Api.Access;
using Analytics.Api.Contacts;
using Analytics.Api.Metrics;
using Analytics.Api.Reasons;
using Analytics.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Analytics.Api.Web.Pages.Reasons;

/// <summary>
/// One reason: its weekly trend and example contacts with their (redacted) notes, answered by the API's own handlers
/// (GET /api/v1/reasons/trend and GET /api/v1/contacts), so the publication rule and the agent rules are theirs.
/// </summary>
[AccessAs("GET /api/v1/reasons/trend")]
internal sealed class ReasonModel : WebPage
{
    private const int Examples = 10;

    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }

    public string? Name { get; private set; }
    public ReasonTrendResponse? Trend { get; private set; }
    public ContactPage? Contacts { get; private set; }

    public async Task OnGetAsync([FromServices] ReasonMetrics metrics, [FromServices] PrivacyOptions privacy,
        [FromServices] Publication publication, [FromServices] AuditLog audit, [FromServices] NpgsqlDataSource db,
        [FromServices] AgentNames names, [FromServices] IOptions<ApiOptions> api, [FromServices] AgentScopes scopes,
        CancellationToken ct)
    {
        await using (var cmd = db.CreateCommand("SELECT name_nl, name_en FROM contact_reasons WHERE code = @code"))
        {
            cmd.Parameters.AddWithValue("code", Code);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct)) Name = WebLanguage.Of(HttpContext).ReasonName(r.GetString(0), r.GetString(1));
        }
        if (Name is null)
        {
            Take<object>(TypedResults.NotFound());
            return;
        }
        Trend = Take<ReasonTrendResponse>(await ReasonEndpoints.TrendAsync(From, To, null, Team, Channel, Code, metrics, privacy,
            publication, audit, HttpContext, ct));
        if (Trend is null) return;
        Contacts = Take<ContactPage>(await ContactEndpoints.SearchAsync(HttpContext, db, names, privacy, api, scopes, ct,
            from: From, to: To, channel: Channel, reason: Code, team: Team, queue: Queue, language: Language, limit: Examples));
    }
}
