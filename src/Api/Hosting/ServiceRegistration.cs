using Analytics.Data;
using Analytics.Insights;
using Analytics.Ingest.Pipeline;
using Analytics.Metrics;
using Analytics.Reports;
using Npgsql;

namespace Analytics.Api;

internal static class ServiceRegistration
{
    /// <summary>ANALYTICS_DB (what the scripts set) becomes ConnectionStrings:Analytics; later sources (tests) still override it.</summary>
    public static void AddDatabaseFromEnvironment(this IConfigurationManager configuration)
    {
        if (Environment.GetEnvironmentVariable("ANALYTICS_DB") is { Length: > 0 } cs)
            configuration.AddInMemoryCollection([new("ConnectionStrings:Analytics", cs)]);
    }

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Analytics")
        ?? throw new InvalidOperationException("No database configured: set ANALYTICS_DB or ConnectionStrings:Analytics.");

    /// <summary>
    /// The one data source. Unless the connection string says otherwise: a pool of <c>Database:MaxPoolSize</c> connections
    /// (default 4 per core, at least 16) instead of Npgsql's 100, and statements run five times prepared
    /// (<c>Database:MaxAutoPrepare</c>, default 32). With 128 concurrent requests on 2 cores, 100 backends competing for
    /// the CPU gave worse tails than 16 served in turn (search p99 630 ms against 241 ms, +26% throughput; README); and
    /// planning a search costs about as much as running it (EXPLAIN: ~1 ms each), which a prepared statement pays once.
    /// </summary>
    private static NpgsqlDataSource DataSource(IConfiguration configuration)
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString(configuration));
        var cs = builder.ConnectionStringBuilder;
        var defaults = new NpgsqlConnectionStringBuilder();
        if (cs.MaxPoolSize == defaults.MaxPoolSize)
            cs.MaxPoolSize = configuration.GetValue("Database:MaxPoolSize", Math.Max(16, 4 * Environment.ProcessorCount));
        if (cs.MaxAutoPrepare == defaults.MaxAutoPrepare)
            cs.MaxAutoPrepare = configuration.GetValue("Database:MaxAutoPrepare", 32);
        return builder.Build();
    }

    /// <summary>What both the web host and the CLI verbs need. Connection strings are read when first used, not at registration.</summary>
    public static IServiceCollection AddAnalyticsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => DataSource(sp.GetRequiredService<IConfiguration>()));
        services.AddDbContext<AnalyticsDbContext>((sp, b) =>
            AnalyticsDbContext.Configure(b, ConnectionString(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton(sp => new SurveyMetrics(sp.GetRequiredService<NpgsqlDataSource>())
        {
            MinimumResponses = sp.GetRequiredService<IConfiguration>().GetValue("Metrics:MinimumResponses", 30),
            CubeStateMaxAge = TimeSpan.FromMilliseconds(sp.GetRequiredService<IConfiguration>().GetValue("Metrics:CubeStateMaxAgeMs", 1000)),
        });
        services.AddSingleton<ReasonMetrics>();
        services.AddSingleton<ContactMetrics>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Privacy").Get<Api.Metrics.PrivacyOptions>() ?? new Api.Metrics.PrivacyOptions());
        services.AddSingleton<IngestService>();
        services.AddSingleton<Analytics.Search.SearchIndexer>();
        services.AddSingleton<BatchFollowUps>();
        services.AddSingleton<IBatchStep, ScoringStep>();
        services.AddSingleton<SurveyCube>();
        services.AddSingleton<IBatchStep, CubeStep>();
        services.AddScoped<Analytics.Classification.ModelRegistry>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Ingest:DropFolder").Get<Analytics.Ingest.Sources.DropFolderOptions>()
                                    ?? new Analytics.Ingest.Sources.DropFolderOptions());
        services.AddSingleton<Analytics.Ingest.Sources.DropFolder>();
        services.AddTransient<Analytics.Ingest.IngestJobs>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Ingest:SurveyApi").Get<Analytics.Ingest.Sources.SurveyApiOptions>()
                                    ?? new Analytics.Ingest.Sources.SurveyApiOptions());
        services.AddHttpClient<Analytics.Ingest.Sources.SurveyApiSource>(c => c.Timeout = TimeSpan.FromSeconds(100));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Reports").Get<ReportOptions>() ?? new ReportOptions());
        services.AddInsights(configuration.GetSection("Insights").Get<Analytics.Insights.InsightsOptions>());
        services.AddSingleton<IReportInsights, ReportInsights>();
        services.AddSingleton<Analytics.Insights.Targets.TargetTracker>();
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Smtp").Get<Analytics.Reports.Delivery.SmtpOptions>() ?? new Analytics.Reports.Delivery.SmtpOptions());
        services.AddSingleton<Analytics.Reports.Delivery.SmtpDelivery>();
        services.AddScoped<ReportJobs>();
        return services;
    }
}
