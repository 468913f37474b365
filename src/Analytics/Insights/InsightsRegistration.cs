using Analytics.Insights.Agents;
using Analytics.Insights.Alerts;
using Analytics.Insights.Behaviour;
using Analytics.Insights.Calendar;
using Analytics.Insights.Drivers;
using Analytics.Insights.Repeats;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Analytics.Insights;

/// <summary>Settings of the insights; bind from configuration section "Insights" if needed.</summary>
public sealed class InsightsOptions
{
    public CalendarOptions Calendar { get; init; } = new();
    public BehaviourOptions Behaviour { get; init; } = new();
    /// <summary>Below this many responses an agent is shown, not ranked.</summary>
    public int MinimumResponses { get; init; } = 30;
    public int MinimumContacts { get; init; } = 30;
    public double AlertTargetRunLength { get; init; } = 1000;
    public double AlertRiseFactor { get; init; } = 1.5;
}

public static class InsightsRegistration
{
    /// <summary>Registers the insight services; needs an <see cref="NpgsqlDataSource"/> and a <see cref="TimeProvider"/> singleton.</summary>
    public static IServiceCollection AddInsights(this IServiceCollection s, InsightsOptions? options = null)
    {
        var o = options ?? new InsightsOptions();
        s.AddSingleton(o);
        s.AddSingleton(new DutchCalendar(o.Calendar));
        s.AddSingleton(sp => new RepeatAnalysis(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<DutchCalendar>())
            { MinimumContacts = o.MinimumContacts });
        s.AddSingleton<RepeatChains>();
        s.AddSingleton<DriverFits>();
        s.AddSingleton<Rollups.InsightRollups>();
        s.AddSingleton(sp => new FairRanking(sp.GetRequiredService<NpgsqlDataSource>()) { MinimumResponses = o.MinimumResponses });
        s.AddSingleton(sp => new BehaviourScorecard(sp.GetRequiredService<NpgsqlDataSource>(), o.Behaviour));
        s.AddSingleton<DriverAnalysis>();
        s.AddSingleton<FailureDemand>();
        s.AddSingleton<GamingSignals>();
        s.AddSingleton(sp => new EmergingReasons(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<DutchCalendar>(),
            sp.GetRequiredService<TimeProvider>()) { TargetRunLength = o.AlertTargetRunLength, RiseFactor = o.AlertRiseFactor });
        return s;
    }
}
