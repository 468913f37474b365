using System.Globalization;
using Analytics.Models;
using Analytics.Reports.Delivery;
using Hangfire;

namespace Analytics.Api.Models;

/// <summary>Who hears about model health (section <c>Models</c>).</summary>
public sealed class ModelAlertOptions
{
    /// <summary>Mailed when an active model's alert appears or clears (needs Smtp:Host); empty: the feed alerts'
    /// recipients.</summary>
    public List<string> AlertRecipients { get; set; } = [];
}

/// <summary>
/// The daily model-health watch: judge every active model as <c>GET /api/v1/models/{id}/health</c> does, and mail the
/// alert recipients one message per model whose alerts appeared or cleared.
/// </summary>
internal sealed partial class ModelHealthJobs(ModelHealthWatch watch, SmtpDelivery smtp, ModelAlertOptions options,
    Analytics.Ingestion.Feeds.FeedOptions feeds, ILogger<ModelHealthJobs> log)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<IReadOnlyList<ModelHealthChange>> WatchAsync(CancellationToken ct)
    {
        var changes = await watch.CheckAsync(ct);
        var recipients = options.AlertRecipients.Count > 0 ? options.AlertRecipients : feeds.AlertRecipients;
        foreach (var c in changes)
        {
            AlertsChanged(c.Report.ModelId, c.Report.Kind, c.Report.Version, string.Join(' ', c.PreviousAlerts),
                string.Join(' ', c.Raised), string.Join(' ', c.Cleared));
            if (!smtp.Enabled || recipients.Count == 0) continue;
            try
            {
                await smtp.SendAsync(recipients, ModelAlertMail.Subject(c), ModelAlertMail.Body(c), null, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The state is stored and shown by the health endpoint and /health/ready; a failed mail must not undo
                // or repeat it.
                log.LogError(e, "Mailing the model health alert of model {ModelId} failed", c.Report.ModelId);
                Analytics.Telemetry.AnalyticsTelemetry.JobFailed("model-alert-mail");
            }
        }
        return changes;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Model {ModelId} ({Kind} v{Version}): alerts [{Previous}], raised [{Raised}], cleared [{Cleared}]")]
    private partial void AlertsChanged(int modelId, string kind, int version, string previous, string raised,
        string cleared);
}

/// <summary>The words of a model alert mail: which model, which measure, the figures with their interval, before and
/// now.</summary>
internal static class ModelAlertMail
{
    public static string Subject(ModelHealthChange c)
    {
        var parts = c.Raised.Select(code => $"alert on {Name(code)}")
            .Concat(c.Cleared.Select(code => $"recovered: {Name(code)}")).ToList();
        return $"Analytics: {Model(c.Report)}: " + (parts.Count <= 2 ? string.Join("; ", parts)
            : $"{c.Raised.Count} new alert(s), {c.Cleared.Count} recovered");
    }

    public static string Body(ModelHealthChange c)
    {
        var findings = c.Findings.ToDictionary(f => f.Code);
        var lines = new List<string> { $"{Model(c.Report)}, checked {Utc(c.CheckedUtc)}.", "" };
        lines.AddRange(c.Raised.Select(code => $"New alert, {HealthFindings.MeasureOf(code)}: {findings[code].Text}"));
        lines.AddRange(c.Cleared.Select(code => $"Recovered, {HealthFindings.MeasureOf(code)}: " +
            (findings.TryGetValue(code, out var f) ? f.Text + "; no longer significant"
                : $"{HealthFindings.PeriodOf(code)} is no longer tested " +
                  $"(outside the last {ReviewSamples.DefaultWeeks} weeks)")));
        lines.Add("");
        lines.Add("Before: " + (c.PreviousCheckedUtc is not { } previous ? "not checked before."
            : c.PreviousAlerts.Count == 0 ? $"no alert (checked {Utc(previous)})."
            : $"in alert since {Utc(c.PreviousSinceUtc)} on {string.Join(", ", c.PreviousAlerts)} " +
              $"(checked {Utc(previous)})."));
        var now = c.Findings.Where(f => f.Alert).Select(f => f.Code).Distinct().ToList();
        lines.Add("Now: " + (now.Count == 0 ? "no alert." : $"in alert on {string.Join(", ", now)}."));
        lines.Add("");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Live accuracy is tested per month against validation " +
            $"at {ModelHealth.ReviewAlpha:0%} (from {ModelHealth.MinimumN} labelled review contacts); the unknown " +
            $"share and confidence per week at a {ModelHealth.WeeklyFalseDiscoveryRate:0%} false-discovery rate over " +
            $"the last {ReviewSamples.DefaultWeeks} weeks (from {ModelHealth.MinimumN} predictions)."));
        lines.Add($"GET /api/v1/models/{c.Report.ModelId}/health shows every figure.");
        lines.Add("");
        lines.Add("(Analytics)");
        return string.Join('\n', lines);
    }

    private static string Model(HealthReport r) => $"{r.Kind} model v{r.Version} (#{r.ModelId})";

    private static string Name(string code) => $"{HealthFindings.MeasureOf(code)} ({Period(code)})";

    private static string Period(string code) =>
        HealthFindings.PeriodOf(code) is { Length: 10 } week ? "week of " + week : HealthFindings.PeriodOf(code);

    private static string Utc(DateTime? t) =>
        t?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?";
}
