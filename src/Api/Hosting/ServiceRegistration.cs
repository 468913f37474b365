using Analytics.Data;
using Analytics.Metrics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Analytics.Api;

internal static class ServiceRegistration
{
    /// <summary>The connection string: ANALYTICS_DB wins over configuration, so the scripts can point anywhere.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        Environment.GetEnvironmentVariable("ANALYTICS_DB") is { Length: > 0 } env ? env
        : configuration.GetConnectionString("Analytics")
          ?? throw new InvalidOperationException("No database configured: set ANALYTICS_DB or ConnectionStrings:Analytics.");

    /// <summary>What both the web host and the CLI verbs need.</summary>
    public static IServiceCollection AddAnalyticsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(ConnectionString(configuration)).Build());
        services.AddDbContext<AnalyticsDbContext>((sp, b) =>
            AnalyticsDbContext.Configure(b, ConnectionString(configuration)));
        services.AddSingleton(sp => new SurveyMetrics(sp.GetRequiredService<NpgsqlDataSource>())
        {
            MinimumResponses = configuration.GetValue("Metrics:MinimumResponses", 30),
        });
        services.AddTransient<Reports.ReportJobs>();
        return services;
    }
}
