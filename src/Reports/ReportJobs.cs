using Analytics.Data;
using Analytics.Reporting;
using Analytics.Reports.Delivery;
using Analytics.Time;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Analytics.Reports;

public sealed class ReportOptions
{
    public string OutputDirectory { get; set; } = "out/reports";
    public string Language { get; set; } = "nl";
}

/// <summary>
/// Renders reports to files with stable names (a temp file renamed when complete, so nobody ever reads or mails half a
/// PDF), records each run, and delivers it by e-mail with retries that show in the runs list and the Hangfire dashboard.
/// </summary>
public sealed class ReportJobs(ReportRenderer renderer, AnalyticsDbContext db, ReportOptions options, SmtpDelivery smtp,
    TimeProvider clock, IServiceProvider services, ILogger<ReportJobs> log)
{
    public static readonly string[] Families = ReportRenderer.Families;

    /// <summary>The job behind each report definition: the last full period before now, in the definition's zone.</summary>
    public async Task RunDefinitionAsync(int definitionId, CancellationToken ct)
    {
        var def = await db.ReportDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == definitionId, ct);
        if (def is null || !def.Enabled) { log.LogWarning("Report definition {Id} is gone or disabled; skipped", definitionId); return; }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(def.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        var period = def.PeriodKind == "week" ? Period.LastFullWeek(today) : Period.LastFullMonth(today);
        var run = await RenderAsync(def.Family, period, ReportLanguage.Parse(def.Language), options.OutputDirectory, ct,
            new ReportFilters(def.Team, def.Channel), def.Id);
        if (def.Recipients.Count > 0)
        {
            var jobs = services.GetService(typeof(IBackgroundJobClient)) as IBackgroundJobClient;
            if (jobs is not null) jobs.Enqueue<ReportJobs>(j => j.DeliverAsync(run.Id, CancellationToken.None));
            else await DeliverAsync(run.Id, ct);
        }
    }

    /// <summary>Legacy entry point of the built-in monthly reasons report.</summary>
    public Task RenderReasonsReportAsync(CancellationToken ct) =>
        RenderAsync("reasons", Period.LastFullMonth(Amsterdam.Today(clock)), ReportLanguage.Parse(options.Language), options.OutputDirectory, ct);

    /// <summary>Renders one report; <paramref name="output"/> is a directory (stable name inside) or a .pdf path.</summary>
    public async Task<ReportRun> RenderAsync(string family, Period period, ReportLanguage lang, string output, CancellationToken ct,
        ReportFilters? filters = null, int? definitionId = null)
    {
        filters ??= ReportFilters.None;
        var suffix = filters.Slug is { Length: > 0 } slug ? "_" + slug : "";
        var path = output.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
            ? output
            : Path.Combine(output, $"{family}_{period.From:yyyy-MM-dd}_{period.To:yyyy-MM-dd}_{lang.Code}{suffix}.pdf");
        path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        try
        {
            await using (var file = File.Create(temp)) await renderer.RenderAsync(family, period, lang, filters, file, ct);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp); // never leave half a report behind
            throw;
        }

        var run = new ReportRun
        {
            DefinitionId = definitionId, Family = family, Language = lang.Code, PeriodFrom = period.From, PeriodTo = period.To,
            Path = path, Bytes = new FileInfo(path).Length, State = "rendered", CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ReportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Wrote {Family} report for {Period} ({Language}) to {Path}", family, period, lang.Code, path);
        return run;
    }

    /// <summary>Sends a rendered report; a failure is recorded and rethrown so Hangfire retries it.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [30, 120, 600, 1800, 3600])]
    public async Task DeliverAsync(long runId, CancellationToken ct)
    {
        var run = await db.ReportRuns.SingleAsync(r => r.Id == runId, ct);
        var def = run.DefinitionId is { } d ? await db.ReportDefinitions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == d, ct) : null;
        if (def is null || def.Recipients.Count == 0) return;
        run.DeliveryAttempts++;
        run.State = "delivering";
        await db.SaveChangesAsync(ct);
        try
        {
            var lang = ReportLanguage.Parse(run.Language);
            await smtp.SendAsync(def.Recipients, $"{def.Name}: {lang.Date(run.PeriodFrom)} – {lang.Date(run.PeriodTo)}",
                $"{def.Name}\n{lang.Date(run.PeriodFrom)} – {lang.Date(run.PeriodTo)}\n\n(Analytics)", run.Path, ct);
            run.State = "delivered";
            run.DeliveredUtc = clock.GetUtcNow().UtcDateTime;
            run.Error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.State = "delivery-failed";
            run.Error = e.Message;
            log.LogWarning(e, "Delivery of report run {Run} failed (attempt {Attempt})", run.Id, run.DeliveryAttempts);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        await db.SaveChangesAsync(ct);
    }
}
