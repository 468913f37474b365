using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Data;
using Analytics.Metrics;
using Analytics.Time;

namespace Analytics.Api;

/// <summary>
/// Readies the host before it listens, so the first request does not pay for what every request after it finds done:
/// the API key lookup (EF builds its model and compiles the query: most of a first answer's 0.6–1 s, decision 040),
/// one survey question by SQL over the cube and its answer's JSON. Then loads the cube's copy in the background as the
/// host starts, rather than on the first question: until it is in, figures come from SQL over the cube (decision 030).
/// </summary>
internal sealed partial class StartWarmUp(SurveyMetrics metrics, IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<StartWarmUp> log)
    : BackgroundService
{
    // A database that is slow to answer delays the start by at most this; the first request then pays as before.
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(10);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(WarmUpLimit);
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
                await ApiKeyAuthenticationHandler.FindAsync(db, new byte[32], limit.Token);
            }
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var filter = new SurveyFilter(new Period(today, today));
            var figures = await metrics.QueryAsync("nps", "team", filter, limit.Token);
            // The answer's JSON contract is built on first use too; the cache key serialises the filter.
            System.Text.Json.JsonSerializer.Serialize(new SurveyMetricResponse("nps", today, today, "team", "none", 0,
                [.. figures.Select(f => f.AsDto())]), json.Value.SerializerOptions);
            System.Text.Json.JsonSerializer.Serialize(filter);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            WarmUpFailed(log, e);
        }
        await base.StartAsync(cancellationToken);
    }

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
        Message = "Warming up before listening failed; the first request pays instead")]
    private static partial void WarmUpFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The survey cube could not be loaded at start; the first question tries again")]
    private static partial void LoadFailed(ILogger logger, Exception e);
}
