using Analytics.Insights.Rollups;
using Analytics.Metrics;

namespace Analytics.Api.Cli;

internal sealed class RefreshVerb : ICliVerb
{
    public string Name => "refresh";
    public string Usage => "refresh              rebuilds the survey cube and the insight rollups now and prints how long each took";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var cube = await services.GetRequiredService<SurveyCube>().RefreshAsync(ct);
        Console.WriteLine(FormattableString.Invariant($"refresh: survey cube rebuilt in {cube.TotalSeconds:F1} s"));
        var rollups = services.GetRequiredService<InsightRollups>();
        var took = await rollups.RefreshAsync(ct);
        Console.WriteLine(FormattableString.Invariant($"refresh: insight rollups rebuilt in {took.TotalSeconds:F1} s ({rollups.LastStages})"));
        return 0;
    }
}
