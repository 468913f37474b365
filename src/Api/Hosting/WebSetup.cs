using Analytics.Api.Scorecards;
using System.Threading.RateLimiting;
using Analytics.Access;
using Analytics.Api.Access;
using Analytics.Api.Contacts;
using Analytics.Api.Ingest;
using Analytics.Api.Insights;
using Analytics.Api.Metrics;
using Analytics.Api.Models;
using Analytics.Api.Problems;
using Analytics.Api.Reasons;
using Analytics.Api.Reports;
using Analytics.Api.Targets;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authorization;
using Scalar.AspNetCore;

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
        services.AddOpenApi();
        services.AddMemoryCache();
        services.AddSingleton<Analytics.Api.Common.DataVersion>();
        services.AddScoped<AuditLog>();
        services.AddScoped<ReportSchedule>();
        services.AddTransient<Analytics.Api.Insights.InsightsJobs>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
            // Enums as words ("sameReason", "workingDays"): numbers in an API answer mean nothing to an analyst.
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            Common.NumberPolicy.Install(o.SerializerOptions);
        });

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.AgentLevel, p => p.RequireRole(Roles.AgentLevel))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        // Per key, so one runaway notebook cannot starve the managers' dashboards.
        var perMinute = config.GetValue("Api:RateLimitPerMinute", 1200);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetFixedWindowLimiter(ApiKeyAuthenticationHandler.ReadKey(http.Request) ?? "anonymous:" + http.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogBridge())
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
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        // The API description carries no data; it stays readable without a key so clients can be generated.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new AdminDashboardFilter()], AppPath = "/scalar" });
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().WithTags("Health").ExcludeFromDescription();
        // Every answer that is a list can also be had as CSV (Accept: text/csv or ?csv=nl|rfc4180).
        var api = Common.CsvExport.WithCsvExport(app.MapGroup(""));
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
        return app;
    }

    private sealed class AdminDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
