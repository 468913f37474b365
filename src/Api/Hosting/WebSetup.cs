using Analytics.Api.Scorecards;
using System.Threading.RateLimiting;
using Analytics.Access;
using Analytics.Api.Access;
using Analytics.Api.Coaching;
using Analytics.Api.Contacts;
using Analytics.Api.Evaluations;
using Analytics.Api.FollowUps;
using Analytics.Api.Health;
using Analytics.Api.Ingest;
using Analytics.Api.Insights;
using Analytics.Api.Metrics;
using Analytics.Api.Models;
using Analytics.Api.Privacy;
using Analytics.Api.Problems;
using Analytics.Api.Reasons;
using Analytics.Api.Reports;
using Analytics.Api.SelfService;
using Analytics.Api.Targets;
using Analytics.Api.Web;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authorization;

namespace Analytics.Api;

internal static class WebSetup
{
    public static WebApplicationBuilder AddAnalyticsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddAnalyticsCore(config);
        services.AddSingleton<Analytics.Ingest.Pipeline.IBatchFollowUp, Analytics.Ingest.IngestJobs.Enqueue>();
        services.AddProblemDetails();
        // Binding failures (limit=abc) become exceptions the problem handler answers, naming the parameter.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAnalyticsHealth(config);
        services.AddAnalyticsOpenApi();
        services.AddMemoryCache();
        services.AddSingleton<Analytics.Api.Common.DataVersion>();
        services.AddSingleton<AuditWriter>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<AgentScopes>();
        services.AddScoped<Privacy.Switched>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<Contacts.AgentNames>();
        services.AddSingleton<Contacts.ContactCodes>();
        services.AddSingleton<Contacts.SearchGate>();
        services.AddScoped<Reasons.ReasonPareto>();
        services.AddHostedService<ApiKeyChangeListener>();
        services.AddHostedService<Api.Privacy.BiPolicySync>();
        services.AddHostedService<StartWarmUp>();
        services.AddScoped<ReportSchedule>();
        services.AddTransient<Analytics.Api.Insights.InsightsJobs>();
        services.AddSingleton<Analytics.Evaluations.Sampling>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
            // Enums as words ("sameReason", "workingDays"): numbers in an API answer mean nothing to an analyst.
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            Common.NumberPolicy.Install(o.SerializerOptions);
        });

        services.AddAnalyticsAuthentication(config);
        services.AddScoped<Web.WebAccessFilter>();
        services.AddRazorPages(o => o.RootDirectory = "/Web/Pages")
            .AddMvcOptions(o => o.Filters.AddService<Web.WebAccessFilter>());
        Web.WebAccessFilter.CheckPages();
        AccessMatrix.AddPolicies(services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()));

        // Per key, so one runaway notebook cannot starve the managers' dashboards.
        services.AddOptions<ApiOptions>().BindConfiguration("Api").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Ingest.UploadOptions>().BindConfiguration("Ingest")
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                // Per key that authenticated; everything else (no key, a wrong or revoked one) per client address, so
                // guessing keys cannot spread over fresh partitions.
                // A person on the pages counts like a key of its own.
                var keyId = http.User.KeyId() is { } k ? "key:" + k
                    : http.User.FindFirst(Web.WebSignIn.Subject)?.Value is { } person ? "web:" + person : null;
                var limits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    keyId ?? "address:" + http.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = keyId is null ? limits.AnonymousRateLimitPerMinute : limits.RateLimitPerMinute, Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
            });
        });

        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogBridge())
            .UseFilter(new JobFailureMeter())
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(ServiceRegistration.ConnectionString(sp.GetRequiredService<IConfiguration>())),
                new PostgreSqlStorageOptions { SchemaName = "hangfire" }));
        if (config.GetValue("Jobs:Server", true))
            services.AddHangfireServer(o => o.WorkerCount = config.GetValue("Jobs:Workers", 2));
        services.AddHostedService<RecurringJobsRegistration>();
        return builder;
    }

    public static WebApplication UseAnalyticsApi(this WebApplication app)
    {
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        HangfireLogBridge.Attach(loggers);
        app.Lifetime.ApplicationStopped.Register(() => HangfireLogBridge.Detach(loggers));
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before authentication: the dashboard is opened by its own session (DashboardLogin), never by an API key.
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [], AsyncAuthorization = [new DashboardLogin.DashboardFilter()], AppPath = "/scalar",
        });
        app.UseWebLanguage();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapAnalyticsOpenApi();
        app.MapDashboardLogin();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().WithTags("Health")
            .WithName("Health").WithSummary("Answers 200 while the service is up; needs no key.");
        app.MapAnalyticsHealth();
        // Every answer that is a list can also be had as CSV (Accept: text/csv or ?csv=nl|rfc4180).
        var api = Common.CsvExport.WithCsvExport(app.MapGroup(""));
        // Who may call what is decided by one table, for every endpoint of the group (see AccessMatrix).
        ((IEndpointConventionBuilder)api).Add(AccessMatrix.Apply);
        api.AddEndpointFilter<QueryGuard>();
        api.MapAccess();
        api.MapMetrics();
        api.MapIngest();
        api.MapReports();
        api.MapContacts();
        api.MapReasons();
        api.MapModels();
        api.MapInsights();
        api.MapTargets();
        api.MapScorecards();
        api.MapPrivacy();
        api.MapSelfService();
        api.MapFeeds();
        api.MapEvaluationForms();
        api.MapEvaluations();
        api.MapEvaluationDisputes();
        api.MapFollowUps();
        api.MapCoaching();
        // The pages: outside the API group (no keys, no CSV), each gated by its API route's row (WebAccessFilter).
        app.MapRazorPages();
        return app;
    }
}
