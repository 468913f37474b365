using Analytics.Api.Access;
using Analytics.Api.Contacts;
using Analytics.Api.Metrics;
using Analytics.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Analytics.Api.Web.Pages.Contacts;

/// <summary>
/// Contact search as GET /api/v1/contacts answers it for this role (its handler, in-process): the filters are the API's
/// parameters under the same names, so a page's URL and an analyst's API call ask the same question; paged by the
/// API's cursor.
/// </summary>
[AccessAs("GET /api/v1/contacts")]
internal sealed class IndexModel(AnalyticsDbContext db) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Reason { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }
    [BindProperty(SupportsGet = true)] public int? Limit { get; set; }

    public static readonly string[] Sorts = ["-started", "started", "-wait", "wait", "-talk", "talk"];

    public ContactPage? Answer { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Reasons { get; private set; } = [];
    /// <summary>Agent filters and contact pages are for agent-level roles: others get neither.</summary>
    public bool AgentLevel { get; private set; }

    public async Task OnGetAsync([FromServices] NpgsqlDataSource data, [FromServices] AgentNames names,
        [FromServices] PrivacyOptions privacy, [FromServices] IOptions<ApiOptions> api,
        [FromServices] AgentScopes scopes, CancellationToken ct)
    {
        AgentLevel = AccessMatrix.Rules["GET /api/v1/contacts/{id}"].Policy.Roles.Contains(User.Role());
        var lang = WebLanguage.Of(HttpContext);
        Reasons = (await db.Reasons.AsNoTracking().OrderBy(r => r.Code)
                .Select(r => new { r.Code, r.NameNl, r.NameEn }).ToListAsync(ct))
            .Select(r => (r.Code, lang.ReasonName(r.NameNl, r.NameEn))).ToList();
        // An empty field of the GET form means "any", as a missing parameter does in the API.
        Answer = Take<ContactPage>(await ContactEndpoints.SearchAsync(HttpContext, data, names, privacy, api, scopes,
            ct, q: Blank(Q), from: Blank(From), to: Blank(To), channel: Blank(Channel), reason: Blank(Reason),
            team: Blank(Team), agent: Blank(Agent), queue: Blank(Queue), language: Blank(Language), sort: Blank(Sort),
            cursor: Blank(Cursor), limit: Limit));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>This search with another cursor (null: the first page).</summary>
    public string Page(string? cursor) => QueryHelpers.AddQueryString("/web/contacts",
        new Dictionary<string, string?>
        {
            ["q"] = Q, ["from"] = From, ["to"] = To, ["channel"] = Channel, ["reason"] = Reason, ["team"] = Team,
            ["agent"] = Agent, ["queue"] = Queue, ["language"] = Language, ["sort"] = Sort, ["cursor"] = cursor,
            ["limit"] = Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
}
