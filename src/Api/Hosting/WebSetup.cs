using Analytics.Api.Ingest;
using Analytics.Api.Metrics;
using Analytics.Api.Problems;
using Hangfire;
using Hangfire.PostgreSql;
using Scalar.AspNetCore;

namespace Analytics.Api;

internal static class WebSetup
{
    public static WebApplicationBuilder AddAnalyticsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAnalyticsCore(builder.Configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });

        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(ServiceRegistration.ConnectionString(sp.GetRequiredService<IConfiguration>())), new PostgreSqlStorageOptions { SchemaName = "hangfire" }));
        if (builder.Configuration.GetValue("Jobs:Server", true))
            services.AddHangfireServer(o => o.WorkerCount = builder.Configuration.GetValue("Jobs:Workers", 2));
        services.AddHostedService<RecurringJobsRegistration>();
        return builder;
    }

    public static WebApplication UseAnalyticsApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.UseHangfireDashboard("/hangfire");
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").ExcludeFromDescription();
        app.MapMetrics();
        app.MapIngest();
        return app;
    }
}
