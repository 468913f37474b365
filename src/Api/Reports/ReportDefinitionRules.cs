using Analytics.Reports;
using Analytics.Reports.Delivery;
using Cronos;

namespace Analytics.Api.Reports;

/// <summary>
/// What a report definition may hold. A definition mails PDFs on its own, unattended, for as long as it exists: so the
/// recipients are plain addresses in configured domains, the schedule is not more frequent than the configured minimum,
/// and the name (the mail's subject) is one line.
/// </summary>
internal static class ReportDefinitionRules
{
    public const int MaxNameLength = 200;
    public const int MaxAudienceLength = 200;

    /// <summary>Occurrences looked at: each matching day repeats its times, so a few days show the smallest gap.</summary>
    private const int Occurrences = 200;

    public static async Task<Dictionary<string, string[]>> ValidateAsync(ReportDefinitionRequest r, ReportJobs jobs,
        ReportOptions options, DateTime nowUtc, CancellationToken ct)
    {
        var e = await jobs.CheckAsync(r.Family, ReportFilters.Of(r.Team, r.Channel, r.Agent), ct);
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > MaxNameLength
            || Recipients.HasControlCharacters(r.Name))
            e["name"] = [$"give a name of 1 to {MaxNameLength} characters on one line (it is the subject of the mail)"];
        if (r.Audience is { } a && (a.Length > MaxAudienceLength || Recipients.HasControlCharacters(a)))
            e["audience"] = [$"at most {MaxAudienceLength} characters on one line"];
        if (r.Language is not (null or "nl" or "en")) e["language"] = ["use nl or en"];
        if (r.PeriodKind is not (null or "month" or "week")) e["periodKind"] = ["use month or week"];
        var zoneId = r.TimeZone ?? "Europe/Amsterdam";
        if (zoneId.Length > 100 || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            e["timeZone"] = ["unknown time zone; use an IANA name such as Europe/Amsterdam"];
            zone = TimeZoneInfo.Utc;
        }
        if (CronProblem(r.Cron, options.MinimumScheduleMinutes, zone, nowUtc) is { } cron) e["cron"] = [cron];
        if (RecipientProblems(r.Recipients ?? [], options.AllowedRecipientDomains) is { Count: > 0 } bad)
            e["recipients"] = [.. bad];
        return e;
    }

    /// <summary>Why a schedule is refused, or null: not a 5-field cron, never runs, or runs too often.</summary>
    public static string? CronProblem(string? cron, int minimumMinutes, TimeZoneInfo zone, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(cron))
            return "give a cron expression (minute hour day month weekday), e.g. 0 7 1 * *";
        CronExpression expression;
        try { expression = CronExpression.Parse(cron); }
        catch (CronFormatException x) { return $"not a cron expression (minute hour day month weekday): {x.Message}"; }
        var next = expression.GetNextOccurrence(nowUtc, zone);
        if (next is null) return "this schedule never runs";
        var smallest = TimeSpan.MaxValue;
        for (var i = 0; i < Occurrences && expression.GetNextOccurrence(next.Value, zone) is { } after; i++)
        {
            if (after - next.Value < smallest) smallest = after - next.Value;
            next = after;
        }
        return smallest < TimeSpan.FromMinutes(minimumMinutes)
            ? $"runs every {smallest.TotalMinutes:0} minutes; at most once per {minimumMinutes} minutes "
              + "(Reports:MinimumScheduleMinutes)"
            : null;
    }

    private static List<string> RecipientProblems(List<string> recipients, List<string> allowedDomains)
    {
        if (recipients.Count > Recipients.MaxRecipients) return [$"at most {Recipients.MaxRecipients} recipients"];
        if (recipients.Count > 0 && allowedDomains.Count == 0)
            return ["e-mail is not configured (Reports:AllowedRecipientDomains is empty): leave recipients out"];
        return recipients.Select(a => Recipients.Problem(a, allowedDomains)).OfType<string>().Distinct().ToList();
    }
}
