using Analytics.Metrics;

namespace Analytics.Api.Metrics;

/// <summary>
/// Loads the survey cube's copy into memory as the host starts, rather than on the first question: until it is in,
/// survey figures come from SQL over the cube (decision 030), so nobody waits for the load, and the load starts at once.
/// </summary>
internal sealed partial class CubeWarmUp(SurveyMetrics metrics, ILogger<CubeWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await metrics.LoadCubeAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The first question loads it again; until then figures come from SQL, so a failed warm-up costs nothing.
            LoadFailed(log, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The survey cube could not be loaded at start; the first question tries again")]
    private static partial void LoadFailed(ILogger logger, Exception e);
}
