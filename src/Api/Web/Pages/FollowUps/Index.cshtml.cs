using System.Globalization;
using Analytics.Api.Access;
using Analytics.Api.FollowUps;
using Analytics.Data;
using Analytics.FollowUps;
using Analytics.Insights.Calendar;
using Analytics.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Web.Pages.FollowUps;

/// <summary>
/// The team lead's task list: open and overdue follow-up tasks as GET /api/v1/follow-ups answers them (a team lead: its
/// own teams; quality managers and admins: all; audited), closed through POST /api/v1/follow-ups/{id}/close's handler,
/// and the share closed in time per team from GET /api/v1/follow-ups/summary's.
/// </summary>
[AccessAs("GET /api/v1/follow-ups")]
internal sealed class IndexModel(AnalyticsDbContext db, AgentScopes scopes, TimeProvider clock, DutchCalendar calendar,
    FollowUpOptions options) : WebPage
{
    // Open tasks may be old: the list looks back far enough that none drops off it, and a little ahead.
    private const int YearsBack = 3;

    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Department { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public DateOnly Today { get; private set; }
    public IReadOnlyList<FollowUpTaskDto> Tasks { get; private set; } = [];
    public FollowUpSummary? Summary { get; private set; }
    public IReadOnlyList<string> Departments { get; private set; } = [];
    /// <summary>The task whose closing failed, so its errors stand beside it.</summary>
    public long? Failed { get; private set; }
    public long? Closed { get; private set; }
    /// <summary>Each task's reason in the page's language (the stored reason is the API's English sentence).</summary>
    public Dictionary<long, string> Reasons { get; } = [];

    public async Task OnGetAsync(long? closed, [FromServices] FollowUpTasks tasks, CancellationToken ct)
    {
        Closed = closed;
        await LoadAsync(tasks, ct);
    }

    [AccessAs("POST /api/v1/follow-ups/{id}/close")]
    public async Task<IActionResult> OnPostCloseAsync(long id, [FromServices] FollowUpTasks tasks, CancellationToken ct)
    {
        static string? Blank(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        var request = new CloseRequest(Blank(Code), Blank(Department), Blank(Comment));
        var done = await FollowUpEndpoints.CloseAsync(id, request,
            db, scopes, clock, HttpContext, ct);
        if (Take<FollowUpTaskDto>(done) is not null)
            return Redirect("/web/follow-ups" + QueryString.Create(new Dictionary<string, string?>
            {
                ["from"] = From, ["to"] = To, ["team"] = Team, ["closed"] = id.ToString(CultureInfo.InvariantCulture),
            }));
        // The list is shown again with the refusal or the field errors beside the task (and its status: 400, 403, 404,
        // 409).
        Failed = id;
        await LoadAsync(tasks, ct);
        return Page();
    }

    private async Task LoadAsync(FollowUpTasks tasks, CancellationToken ct)
    {
        Today = Amsterdam.Today(clock);
        From ??= Today.AddYears(-YearsBack).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To ??= Today.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var team = string.IsNullOrWhiteSpace(Team) ? null : Team;
        var list = Take<List<FollowUpTaskDto>>(
            await FollowUpEndpoints.ListAsync(From, To, "open", team, db, scopes, clock, HttpContext, ct));
        if (list is null) return;
        Tasks = list;
        Summary = Take<FollowUpSummary>(await FollowUpEndpoints.SummaryAsync(From, To, tasks, scopes, HttpContext, ct));
        await ReasonsAsync(ct);
        Departments = await db.Reasons.AsNoTracking().Where(r => r.Department != null).Select(r => r.Department!)
            .Distinct().OrderBy(d => d).ToListAsync(ct);
    }

    /// <summary>
    /// The reason rebuilt from what it was made of: a detractor's survey type and score (the response, by its id)
    /// against the configured maximum; a repeat caller's threshold and window. Configuration changed since a task was
    /// made shows the current maximum or window; a response that is gone leaves the stored sentence.
    /// </summary>
    private async Task ReasonsAsync(CancellationToken ct)
    {
        var ids = Tasks.Select(x => x.Id).ToList();
        var scores = await (from task in db.Set<FollowUpTask>()
                            join s in db.Surveys on task.SurveyResponseId equals s.Id
                            where ids.Contains(task.Id)
                            select new { task.Id, s.Type, s.Score }).ToDictionaryAsync(x => x.Id, ct);
        foreach (var task in Tasks)
            if (task.Kind == TaskKinds.RepeatCaller)
                Reasons[task.Id] = T.Format("tasks.reason.repeat", options.RepeatThreshold,
                    options.RepeatWindowWorkingDays);
            else if (scores.GetValueOrDefault(task.Id) is { } s)
                Reasons[task.Id] = T.Format("tasks.reason.detractor", s.Type.ToUpperInvariant(), s.Score,
                    options.DetractorMax(s.Type));
    }

    /// <summary>Dutch working days from today to the due day: negative when overdue.</summary>
    public int WorkingDaysLeft(DateOnly due) =>
        due >= Today ? calendar.WorkingDaysBetween(Today, due) : -calendar.WorkingDaysBetween(due, Today);
}
