using Analytics.Classification;
using Analytics.Reasons;
using Analytics.Time;

namespace Analytics.Api.Reasons;

/// <summary>
/// Nightly, after the retraining: the last 13 weeks' wrap-up codes audited and candidate new reasons refreshed. Contacts
/// the active model has not scored yet are scored first, or a newly promoted model would find no unknowns.
/// </summary>
internal sealed class ReasonAuditJobs(ModelRegistry registry, ReasonCodeAudits audits, ReasonDiscovery discovery, TimeProvider clock)
{
    public const int Weeks = 13;

    public async Task RefreshAsync(CancellationToken ct)
    {
        var today = Amsterdam.Today(clock);
        var period = new Period(today.AddDays(-7 * Weeks), today.AddDays(-1));
        await registry.ScoreContactsAsync(ModelKinds.Reasons, ct: ct);
        await audits.RefreshAsync(period, ct);
        await discovery.RefreshAsync(period, ct);
    }
}
