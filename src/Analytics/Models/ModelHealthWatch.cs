using Analytics.Data;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Models;

/// <summary>An active model whose alerts changed in a check: what is new, what cleared, what it was
/// before.</summary>
/// <param name="Findings">Every tested figure of <paramref name="Report"/>, alerting or not.</param>
/// <param name="PreviousAlerts">The stored alert codes before the check (empty for a model checked the first
/// time).</param>
/// <param name="PreviousSinceUtc">Since when those alerts stood; <paramref name="PreviousCheckedUtc"/> null: never
/// checked.</param>
public sealed record ModelHealthChange(HealthReport Report, IReadOnlyList<HealthFinding> Findings,
    IReadOnlyList<string> Raised, IReadOnlyList<string> Cleared, IReadOnlyList<string> PreviousAlerts,
    DateTime? PreviousSinceUtc, DateTime? PreviousCheckedUtc, DateTime CheckedUtc);

/// <summary>
/// Judges every active model with the health report's own code (<see cref="ReviewSamples.HealthAsync"/> over the
/// default weeks, its tests and thresholds unchanged), stores its alert codes, and returns the models whose codes
/// changed, so the caller can tell people. States of models no longer active are dropped: a promoted model starts
/// its own record. Safe on several servers at once: each stores the same judgement of the same rows.
/// </summary>
public sealed class ModelHealthWatch(AnalyticsDbContext db, ReviewSamples samples, TimeProvider clock)
{
    public async Task<IReadOnlyList<ModelHealthChange>> CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var active = await db.Models.AsNoTracking().Where(m => m.Active).OrderBy(m => m.Id).Select(m => m.Id)
            .ToListAsync(ct);
        await db.Set<ModelHealthState>().Where(s => !active.Contains(s.ModelId)).ExecuteDeleteAsync(ct);
        var stored = await db.Set<ModelHealthState>().ToDictionaryAsync(s => s.ModelId, ct);
        var changes = new List<ModelHealthChange>();
        foreach (var id in active)
        {
            if (await samples.HealthAsync(id, ReviewSamples.DefaultWeeks, ct) is not { } report) continue;
            var findings = HealthFindings.Of(report);
            var alerts = findings.Where(f => f.Alert).Select(f => f.Code).Distinct().Order(StringComparer.Ordinal)
                .ToList();
            if (!stored.TryGetValue(id, out var state))
            {
                state = new ModelHealthState { ModelId = id, Kind = report.Kind, ChangedUtc = now };
                db.Add(state);
            }
            var (before, since, checkedBefore) = (state.Alerts, state.AlertingSinceUtc,
                db.Entry(state).State == EntityState.Added ? (DateTime?)null : state.CheckedUtc);
            state.CheckedUtc = now;
            if (alerts.SequenceEqual(before, StringComparer.Ordinal)) continue;
            state.Alerts = alerts;
            state.ChangedUtc = now;
            state.AlertingSinceUtc = alerts.Count == 0 ? null : before.Count == 0 ? now : since;
            changes.Add(new ModelHealthChange(report, findings, alerts.Except(before).ToList(),
                before.Except(alerts).ToList(), before, since, checkedBefore, now));
        }
        await db.SaveChangesAsync(ct);
        return changes;
    }
}
