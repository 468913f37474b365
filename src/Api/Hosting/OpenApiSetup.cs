using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Analytics.Api;

/// <summary>
/// The API description and its Scalar page: title and two-minute start, one described tag per feature, and the two
/// ways to send a key declared as security schemes, so Scalar's "try it" can send one instead of answering 401.
/// </summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";
    public const string ApiKeyScheme = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string ScalarConfigPath = "/scalar-config.js";

    /// <summary>One tag per feature, in the order an analyst meets them; Scalar lists them in this order.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Tags =
    [
        ("Metrics", "NPS, CES and CSAT per group and period with n and a 95% interval; contact volumes and times."),
        ("Insights", "Honest FCR, key drivers, failure demand, reason alerts; fair ranking and gaming signals."),
        ("Scorecards", "One agent's or one team's page: survey figures, contact KPIs, FCR and trends."),
        ("Contacts", "Full-text search over notes and transcripts, one contact in full, reason corrections."),
        ("Reasons", "The contact-reason taxonomy, its Pareto and its trend."),
        ("Targets", "Targets such as \"NPS from -10 to +20 by Q3\" and their progress."),
        ("Reports", "PDF reports on demand or on a schedule, and their delivery."),
        ("Ingest", "Upload exports; batches with their counts and quarantined rows."),
        ("Models", "The ML models for contact reasons and sentiment: registry, retraining, predictions."),
        ("Evaluations", "Forms, evaluations of one contact pre-filled by auto-QA, agreement, calibration, samples, disputes."),
        ("Follow-up", "Tasks for every detractor and repeat caller: lists, closing codes, share closed in time."),
        ("Coaching", "Coaching sessions on one sub-skill, and their effect on the customer's scores, per session and never ranked."),
        ("Self-service", "An agent's own data: scorecard without rank, contacts, comments, evaluations and disputes, the AVG art. 15 export."),
        ("Privacy", "The switches the agreement with the works council decides, and the minimum group sizes."),
        ("Access", "The audit log of agent-level access."),
        ("Privacy", "Erasure of a customer, agents who leave (admin only)."),
        ("Health", "Whether the service is up; needs no key."),
    ];

    public static IServiceCollection AddAnalyticsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddOperationTransformer(DeclareKeyRequirementAsync);
            o.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapAnalyticsOpenApi(this WebApplication app)
    {
        // The API description carries no data; it stays readable without a key so clients can be generated.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o
                .WithTitle("Analytics API")
                // "Try it" opens with the bearer field, the form the README and the curl examples use.
                .AddPreferredSecuritySchemes(BearerScheme)
                .WithJavaScriptConfiguration(ScalarConfigPath))
            .AllowAnonymous();
        // Scalar names its schema section "Models", which would stand beside our "Models" tag (the ML models) as a
        // second "Models" in the navigation. Scalar.AspNetCore has no option for the label; its JavaScript does.
        app.MapGet(ScalarConfigPath, () => TypedResults.Text(
                "export default { modelsSectionLabel: 'Schemas' };\n", "text/javascript"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo { Title = "Analytics API", Version = "v1", Description = Introduction.Value };
        document.AddComponent<IOpenApiSecurityScheme>(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "`Authorization: Bearer <key>`: paste the key alone, Scalar adds `Bearer `.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(ApiKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHeader,
            Description = $"`{ApiKeyHeader}: <key>`, for clients that cannot set an Authorization header.",
        });
        // Tags an endpoint uses but this list does not describe are kept, undescribed, so a test can point at them.
        var used = document.Tags?.Select(t => t.Name).OfType<string>().ToList() ?? [];
        document.Tags = new HashSet<OpenApiTag>(
            Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
                .Concat(used.Where(u => Tags.All(t => t.Name != u)).Select(u => new OpenApiTag { Name = u })));
    }

    /// <summary>
    /// Every endpoint needs a key unless it allows anonymous access (the fallback policy): such operations get both
    /// schemes as alternatives, a 401, and, when a policy narrows the roles, those roles and a 403.
    /// </summary>
    private static async Task DeclareKeyRequirementAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any()) return;
        // Two requirements, not one with both schemes: either header alone will do. The reference needs its host
        // document, or it serializes as {} ("no key needed").
        operation.Security = [.. new[] { BearerScheme, ApiKeyScheme }.Select(scheme =>
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] })];
        operation.Responses ??= [];
        operation.Responses.TryAdd("401",
            new OpenApiResponse { Description = "No key, or an unknown or revoked one." });
        var roles = await RolesAsync(metadata, context.ApplicationServices);
        if (roles.Count == 0) return;
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The key's role may not use this." });
        var line = $"Roles: {string.Join(", ", roles)}.";
        operation.Description = operation.Description is { Length: > 0 } d ? $"{d}\n\n{line}" : line;
    }

    /// <summary>The roles the endpoint's policies allow, combined as the authorization middleware does.</summary>
    private static async Task<IReadOnlyList<string>> RolesAsync(IList<object> metadata, IServiceProvider services)
    {
        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(provider, metadata.OfType<IAuthorizeData>(),
            metadata.OfType<AuthorizationPolicy>());
        return policy?.Requirements.OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).Distinct().ToList() ?? [];
    }

    private static readonly Lazy<string> Introduction = new(() =>
    {
        const string Name = "Analytics.Api.OpenApiIntroduction.md";
        using var stream = typeof(OpenApiSetup).Assembly.GetManifestResourceStream(Name)
            ?? throw new InvalidOperationException("OpenApiIntroduction.md is not embedded in Analytics.Api");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n").Trim();
    });
}
