using System.Text.Json;
using Analytics.Ingestion.Feeds;
using Analytics.Telemetry;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Analytics.Api.Health;

/// <summary>Liveness and readiness for orchestrators, Prometheus metrics for scrapers, the feed and model-health
/// watches.</summary>
internal static class HealthSetup
{
    public static IServiceCollection AddAnalyticsHealth(this IServiceCollection services, IConfiguration config)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<JobServersHealthCheck>("jobs", tags: ["ready"])
            .AddCheck<FeedsHealthCheck>("feeds", tags: ["ready"])
            .AddCheck<SurveyCubeHealthCheck>("survey-cube", tags: ["ready"])
            .AddCheck<ModelsHealthCheck>("models", tags: ["ready"]);
        services.AddOptions<FeedOptions>().BindConfiguration("Feeds").ValidateDataAnnotations()
            .Validate(o => o.AlertRecipients.All(r => System.Net.Mail.MailAddress.TryCreate(r, out _)),
                "Feeds:AlertRecipients must be e-mail addresses").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FeedOptions>>().Value);
        services.AddScoped<FeedMonitor>();
        services.AddScoped<FeedJobs>();
        services.AddOptions<Api.Models.ModelAlertOptions>().BindConfiguration("Models")
            .Validate(o => o.AlertRecipients.All(r => System.Net.Mail.MailAddress.TryCreate(r, out _)),
                "Models:AlertRecipients must be e-mail addresses").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Api.Models.ModelAlertOptions>>().Value);
        services.AddScoped<Analytics.Models.ModelHealthWatch>();
        services.AddScoped<Api.Models.ModelHealthJobs>();

        services.AddOptions<HealthOptions>().BindConfiguration("Health")
            .Validate(o => o.Valid(), "Health:MetricsTrustedNetworks must be CIDR networks like 10.0.0.0/8")
            .ValidateOnStart();
        services.AddAuthorization();
        services.AddOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>()
            .Configure<IOptions<HealthOptions>>((o, health) =>
                MetricsAccess.AddPolicy(o, health.Value.Valid() ? health.Value.TrustedNetworks() : []));
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Npgsql")
            .AddMeter(AnalyticsTelemetry.MeterName)
            // No cached answer: a scrape shows what happened up to it (scrapes are seconds apart anyway).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static void MapAnalyticsHealth(this WebApplication app)
    {
        // Live: the process answers (no checks, so a database outage does not get the process restarted).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync,
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsAccess.PolicyName);
    }

    /// <summary>Status names only: the answer is anonymous, so it says which check is not healthy, never why.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        if (report.Status == HealthStatus.Unhealthy) http.Response.Headers.RetryAfter = "5";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }
}

/// <summary>Counts failed job runs on the analytics meter: every failed attempt, retried or not.</summary>
internal sealed class JobFailureMeter : JobFilterAttribute, IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is FailedState && context.BackgroundJob.Job is { } job)
            AnalyticsTelemetry.JobFailed($"{job.Type.Name}.{job.Method.Name}");
    }
}
