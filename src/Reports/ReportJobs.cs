using Analytics.Contacts;
using Analytics.Data;
using Analytics.Reporting;
using Analytics.Reports.Delivery;
using Analytics.Time;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Analytics.Reports;

/// <summary>
/// Renders reports to files named after their run (a temp file renamed when complete, so nobody ever reads or mails
/// half a PDF), records each run, and delivers it by e-mail with retries that show in the runs list and the Hangfire
/// dashboard.
/// </summary>
public sealed class ReportJobs(ReportRenderer renderer, AnalyticsDbContext db, ReportOptions options, SmtpDelivery smtp,
    TimeProvider clock, IServiceProvider services, ILogger<ReportJobs> log)
{
    public static readonly string[] Families = ReportRenderer.Families;

    /// <summary>The job behind each report definition: the last full period before now, in the definition's zone.</summary>
    public Task RunDefinitionAsync(int definitionId, CancellationToken ct) => RunDefinitionOnceAsync(definitionId, ct);

    /// <summary>Renders a definition's report and queues its delivery; null if gone, disabled or refused.</summary>
    public async Task<ReportRun?> RunDefinitionOnceAsync(int definitionId, CancellationToken ct)
    {
        var def = await db.ReportDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == definitionId, ct);
        if (def is null || !def.Enabled)
        {
            log.LogWarning("Report definition {Id} is gone or disabled; skipped", definitionId);
            return null;
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(def.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        var period = def.PeriodKind == "week" ? Period.LastFullWeek(today) : Period.LastFullMonth(today);
        ReportRun run;
        try
        {
            run = await RenderAsync(def.Family, period, ReportLanguage.Parse(def.Language), options.OutputDirectory, ct,
                new ReportFilters(def.Team, def.Channel, def.Agent), def.Id);
        }
        catch (InvalidReportException e)
        {
            // Rows saved before the checks existed may hold a bad team or channel: refuse; retrying cannot fix it.
            log.LogError("Report definition {Id} refused: {Reason}", definitionId, e.Message);
            return null;
        }
        if (def.Recipients.Count > 0)
        {
            var jobs = services.GetService(typeof(IBackgroundJobClient)) as IBackgroundJobClient;
            if (jobs is not null) jobs.Enqueue<ReportJobs>(j => j.DeliverAsync(run.Id, CancellationToken.None));
            else await DeliverAsync(run.Id, ct);
        }
        return run;
    }

    /// <summary>Legacy entry point of the built-in monthly reasons report.</summary>
    public Task RenderReasonsReportAsync(CancellationToken ct) =>
        RenderAsync("reasons", Period.LastFullMonth(Amsterdam.Today(clock)), ReportLanguage.Parse(options.Language), options.OutputDirectory, ct);

    /// <summary>
    /// Renders one report; <paramref name="output"/> is the report folder (a name from the run id inside) or, for the
    /// CLI's --out, a .pdf path the operator chose.
    /// </summary>
    /// <exception cref="InvalidReportException">An unknown family, team or channel.</exception>
    public async Task<ReportRun> RenderAsync(string family, Period period, ReportLanguage lang, string output, CancellationToken ct,
        ReportFilters? filters = null, int? definitionId = null)
    {
        filters = ReportFilters.Of(filters?.Team, filters?.Channel, filters?.Agent);
        if (await CheckAsync(family, filters, ct) is { Count: > 0 } errors) throw new InvalidReportException(errors);
        // The row comes first: its id names the file, so two runs never share (or overwrite) one PDF.
        var run = new ReportRun
        {
            DefinitionId = definitionId, Family = family, Language = lang.Code, PeriodFrom = period.From,
            PeriodTo = period.To, Path = "", State = "rendering", CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ReportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        try
        {
            run.Path = output.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
                ? Path.GetFullPath(output)
                : ReportFiles.PathFor(output, run.Id, family, period, lang, filters);
            Directory.CreateDirectory(Path.GetDirectoryName(run.Path)!);
            var temp = $"{run.Path}.{Guid.NewGuid():N}.part"; // one per render: concurrent renders never share it
            try
            {
                await using (var file = File.Create(temp))
                    await renderer.RenderAsync(family, period, lang, filters, file, ct);
                File.Move(temp, run.Path, overwrite: true);
            }
            finally
            {
                File.Delete(temp); // never leave half a report behind (a no-op after the move)
            }
        }
        catch
        {
            db.ReportRuns.Remove(run);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        run.Bytes = new FileInfo(run.Path).Length;
        run.State = "rendered";
        await db.SaveChangesAsync(ct);
        log.LogInformation("Wrote {Family} report for {Period} ({Language}) to {Path}", family, period, lang.Code,
            run.Path);
        return run;
    }

    /// <summary>What is wrong with a report's family and filters, by parameter; empty if it may be rendered.</summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(string? family, ReportFilters filters,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (family is null || !Families.Contains(family))
            errors["family"] = [$"unknown family; use one of {string.Join(", ", Families)}"];
        if (filters.Team is { } team && (team.Length > 100 || !await db.Teams.AnyAsync(t => t.Code == team, ct)))
            errors["team"] = [$"'{Shown(team)}' is not a team code"];
        if (filters.Channel is { } channel && !Channels.All.Contains(channel))
            errors["channel"] = [$"'{Shown(channel)}' is not a channel; use one of {string.Join(", ", Channels.All)}"];
        // One PDF per agent for the one-to-one: the coaching family needs its agent, the others are not about one.
        if (family == "coaching" && filters.Agent is null)
            errors["agent"] = ["the coaching report is about one agent: give its code"];
        else if (family != "coaching" && filters.Agent is not null)
            errors["agent"] = ["only the coaching family takes an agent"];
        else if (filters.Agent is { } agent
                 && (agent.Length > 100 || !await db.Agents.AnyAsync(a => a.Code == agent, ct)))
            errors["agent"] = [$"'{Shown(agent)}' is not an agent code"];
        return errors;
    }

    private static string Shown(string s) => Recipients.OneLine(s.Length <= 40 ? s : s[..40] + "…");

    /// <summary>Sends a rendered report; a failure is recorded and rethrown so Hangfire retries it.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [30, 120, 600, 1800, 3600])]
    public async Task DeliverAsync(long runId, CancellationToken ct)
    {
        var run = await db.ReportRuns.SingleAsync(r => r.Id == runId, ct);
        var def = run.DefinitionId is { } d ? await db.ReportDefinitions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == d, ct) : null;
        if (def is null || def.Recipients.Count == 0) return;
        // Old rows may hold addresses the checks now refuse: mail only the allowed ones.
        var to = def.Recipients.Where(r => Recipients.Problem(r, options.AllowedRecipientDomains) is null).ToList();
        if (to.Count == 0)
        {
            run.State = "delivery-failed";
            run.Error = "none of the definition's recipients is allowed (Reports:AllowedRecipientDomains)";
            await db.SaveChangesAsync(ct);
            return;
        }
        run.DeliveryAttempts++;
        run.State = "delivering";
        await db.SaveChangesAsync(ct);
        try
        {
            var lang = ReportLanguage.Parse(run.Language);
            var name = Recipients.OneLine(def.Name);
            await smtp.SendAsync(to, $"{name}: {lang.Date(run.PeriodFrom)} – {lang.Date(run.PeriodTo)}",
                $"{name}\n{lang.Date(run.PeriodFrom)} – {lang.Date(run.PeriodTo)}\n\n(Analytics)", run.Path, ct);
            run.State = "delivered";
            Analytics.Telemetry.AnalyticsTelemetry.ReportDelivery(delivered: true);
            run.DeliveredUtc = clock.GetUtcNow().UtcDateTime;
            run.Error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.State = "delivery-failed";
            Analytics.Telemetry.AnalyticsTelemetry.ReportDelivery(delivered: false);
            run.Error = e.Message;
            log.LogWarning(e, "Delivery of report run {Run} failed (attempt {Attempt})", run.Id, run.DeliveryAttempts);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        await db.SaveChangesAsync(ct);
    }
}
