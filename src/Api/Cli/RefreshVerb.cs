using Analytics.Metrics;

namespace Analytics.Api.Cli;

internal sealed class RefreshVerb : ICliVerb
{
    public string Name => "refresh";
    public string Usage => "refresh              rebuilds the pre-aggregated survey cube now and prints how long it took";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var took = await services.GetRequiredService<SurveyCube>().RefreshAsync(ct);
        Console.WriteLine(FormattableString.Invariant($"refresh: survey cube rebuilt in {took.TotalSeconds:F1} s"));
        return 0;
    }
}
