using Analytics.Data;
using Analytics.Insights;
using Analytics.Ingest.Pipeline;
using Analytics.Metrics;
using Analytics.Privacy;
using Analytics.Reports;
using Npgsql;

namespace Analytics.Api;

internal static class ServiceRegistration
{
    /// <summary>
    /// Arguments every entry point gives its host builder. Configuration files are not watched for changes: the JSON
    /// provider watches its whole content root, and the scripts run from the repository root, which holds the local
    /// PostgreSQL data folder, so every page the server wrote woke a watcher thread (1.5 s of CPU in a 6 s ingest of
    /// 1M rows on 2 cores). Settings take effect on restart.
    /// </summary>
    public static readonly string[] HostArgs = ["--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>
    /// src/Api/appsettings.json as copied next to the binaries, beneath every other source, when the content root (the
    /// working directory: the repository root for the scripts) has none of its own; before this the scripts' hosts read
    /// no settings file at all and ran on the options' defaults.
    /// </summary>
    public static void AddBuiltSettings(this IHostApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json"))) return;
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
        });
    }

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
    /// The one data source. <c>Database:MaxPoolSize</c> and <c>Database:MaxAutoPrepare</c> set Npgsql's pool size and
    /// automatic preparing when the connection string does not. Both stay at Npgsql's defaults (100, off) unless set:
    /// on a quiet 2-core machine a pool of 16 gave 15% fewer searches a second than 100 (better p99 at 128 connections,
    /// worse p95), and after five runs PostgreSQL may switch a prepared search to its generic plan, a parallel index scan
    /// of 16–36 ms instead of 1.5 ms.
    /// </summary>
    private static NpgsqlDataSource DataSource(IConfiguration configuration)
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString(configuration));
        var cs = builder.ConnectionStringBuilder;
        var defaults = new NpgsqlConnectionStringBuilder();
        if (cs.MaxPoolSize == defaults.MaxPoolSize && configuration.GetValue<int?>("Database:MaxPoolSize") is { } pool) cs.MaxPoolSize = pool;
        if (cs.MaxAutoPrepare == defaults.MaxAutoPrepare && configuration.GetValue<int?>("Database:MaxAutoPrepare") is { } prepare)
            cs.MaxAutoPrepare = prepare;
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
        services.AddOptions<IngestOptions>().BindConfiguration("Ingest").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestOptions>>().Value);
        services.AddSingleton(sp => new Analytics.Privacy.PrivacySwitches(sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IConfiguration>().GetSection("Privacy:Switches").Get<Analytics.Privacy.PrivacySwitchOptions>()
            ?? new Analytics.Privacy.PrivacySwitchOptions(),
            sp.GetRequiredService<Api.Metrics.PrivacyOptions>().MinimumAgents,
            sp.GetRequiredService<Api.Metrics.PrivacyOptions>().MinimumResponses));
        services.AddSingleton<IngestService>();
        services.AddSingleton<Analytics.Search.SearchIndexer>();
        services.AddSingleton<Analytics.Ingest.Redaction.StoredTextRedaction>();
        services.AddSingleton<BatchFollowUps>();
        services.AddSingleton<IBatchStep, ScoringStep>();
        services.AddSingleton<SurveyCube>();
        services.AddSingleton<IBatchStep, CubeStep>();
        services.AddOptions<Analytics.FollowUps.FollowUpOptions>().BindConfiguration("FollowUps").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Analytics.FollowUps.FollowUpOptions>>().Value);
        services.AddSingleton<Analytics.FollowUps.FollowUpTasks>();
        services.AddSingleton<IBatchStep, FollowUpStep>();
        services.AddOptions<Analytics.Coaching.CoachingOptions>().BindConfiguration("Coaching").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Analytics.Coaching.CoachingOptions>>().Value);
        services.AddSingleton<Analytics.Coaching.CoachingEffects>();
        services.AddOptions<Api.Models.ModelTrainingOptions>().BindConfiguration("Models")
            .Validate(o => o.Valid(), "Models:L2 must be empty, auto or a number of 0 or more, and Models:NewestRows empty or positive")
            .ValidateOnStart();
        services.AddScoped(sp =>
        {
            var training = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Api.Models.ModelTrainingOptions>>().Value;
            return new Analytics.Classification.ModelRegistry(sp.GetRequiredService<AnalyticsDbContext>(),
                sp.GetService<ILogger<Analytics.Classification.ModelRegistry>>())
            {
                Options = training.Classifier()!,
                NewestRows = training.NewestRows,
            };
        });
        services.AddScoped<Analytics.Reasons.ReasonDiscovery>();
        services.AddScoped<Analytics.Reasons.ReasonCodeAudits>();
        services.AddScoped<Api.Reasons.ReasonAuditJobs>();
        services.AddScoped<Analytics.Models.ReviewSamples>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Ingest:DropFolder").Get<Analytics.Ingest.Sources.DropFolderOptions>()
                                    ?? new Analytics.Ingest.Sources.DropFolderOptions());
        services.AddSingleton<Analytics.Ingest.Sources.DropFolder>();
        services.AddTransient<Analytics.Ingest.IngestJobs>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Ingest:SurveyApi").Get<Analytics.Ingest.Sources.SurveyApiOptions>()
                                    ?? new Analytics.Ingest.Sources.SurveyApiOptions());
        // Retries with jitter, per-attempt and total timeouts and a circuit breaker (Ingest:SurveyApi:Resilience
        // overrides Microsoft's defaults); HttpClient's own timeout stays above the handler's total.
        services.AddHttpClient<Analytics.Ingest.Sources.SurveyApiSource>(c => c.Timeout = TimeSpan.FromSeconds(100))
            .AddStandardResilienceHandler(o => configuration.GetSection("Ingest:SurveyApi:Resilience").Bind(o));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ReportOptions>().BindConfiguration("Reports").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Api.Backups.BackupOptions>().BindConfiguration("Backup").ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<Api.Backups.BackupJob>();
        services.AddSingleton(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportOptions>>().Value);
        services.AddInsights(configuration.GetSection("Insights").Get<Analytics.Insights.InsightsOptions>());
        // The reports' department counts get the routes' cell-key noise, so the CLI's reports need it too.
        services.AddSingleton<Api.Metrics.Publication>();
        services.AddSingleton<IReportInsights, ReportInsights>();
        services.AddSingleton<Analytics.Insights.Targets.TargetTracker>();
        services.AddSingleton<Analytics.Reports.Coaching.CoachingFigures>();
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Smtp").Get<Analytics.Reports.Delivery.SmtpOptions>() ?? new Analytics.Reports.Delivery.SmtpOptions());
        services.AddSingleton<Analytics.Reports.Delivery.SmtpDelivery>();
        services.AddScoped<ReportJobs>();
        services.AddOptions<RetentionOptions>().BindConfiguration("Retention").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetentionOptions>>().Value);
        services.AddSingleton<Retention>();
        services.AddSingleton<Erasure>();
        return services;
    }
}
