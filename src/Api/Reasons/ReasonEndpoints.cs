using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Data;
using Analytics.Metrics;
using Analytics.Reasons;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Reasons;

internal static class ReasonEndpoints
{
    private static readonly string[] Departments = ["sales", "marketing", "billing", "operations", "product", "customer-service", "it", "legal", "unassigned"];

    public static RouteGroupBuilder MapReasons(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reasons").WithTags("Reasons");
        group.MapGet("/", async (AnalyticsDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Reasons.AsNoTracking().OrderBy(r => r.Code).Select(r => r.AsDto()).ToListAsync(ct)))
            .WithName("ListReasons").WithSummary("The contact-reason taxonomy.");
        group.MapPost("/", CreateAsync).WithName("CreateReason");
        group.MapPut("/{code}", UpdateAsync).WithName("UpdateReason");
        group.MapDelete("/{code}", DeleteAsync).WithName("DeleteReason").WithSummary("Deletes a reason no contact uses (else 409).");
        group.MapGet("/trend", TrendAsync).WithName("ReasonTrend")
            .WithSummary("Contacts per reason per day, week or month with the share of that bucket's contacts; ?reason= for one reason's series.");
        group.MapGet("/pareto", ([AsParameters] ParetoQuery q, ReasonPareto pareto, HttpContext http, CancellationToken ct) =>
                pareto.AskAsync(q, http, ct)).WithName("ReasonPareto")
            .WithSummary("Contacts per reason for a period, largest first, with share, cumulative share and the previous period.");
        group.MapReasonAudit();
        return group;
    }

    internal static async Task<Results<Ok<ReasonTrendResponse>, ValidationProblem, ProblemHttpResult>> TrendAsync(string? from,
        string? to, string? interval, string? team, string? channel, string? reason, ReasonMetrics metrics, PrivacyOptions privacy,
        Publication publication, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        var published = !http.User.SeesAgents();
        // Weeks, unless a role that sees whole periods only asked for months.
        interval ??= published && period is { } asked && !Publication.WholeWeeks(asked) ? "month" : "week";
        if (interval is not ("day" or "week" or "month")) errors["interval"] = ["use day, week or month"];
        else if (interval == "day" && period is { Days: > 366 }) errors["interval"] = ["at most 366 days with interval=day; use week or month"];
        if (published) Publication.RequireGrain(period, interval, "none", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var p = period!.Value;
        if (published && await publication.SmallTeamAsync(team, p, privacy.MinimumAgents, ct)) return await Publication.RefuseSmallTeamAsync(audit, http, team!, privacy, ct);
        // Published shares are of published counts, so every reason of the bucket is read before one is picked.
        var points = await http.RequestServices.GetRequiredService<Common.DataVersion>().CachedAsync(
            $"reason-trend:{p}:{interval}:{team}:{channel}:{(published ? null : reason)}",
            () => metrics.TrendAsync(p, interval, ct, team, channel, published ? null : reason), ct,
            http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Api:CacheSeconds", 300));
        if (published)
            points = Publication.Perturb(points, await publication.KeyAsync(ct), new ContactFilter(team, Channel: channel),
                    privacy.MinimumAgents)
            .Where(x => reason is null || x.Code == reason).ToList();
        return TypedResults.Ok(new ReasonTrendResponse(p.From, p.To, interval, points));
    }

    private static async Task<Results<Created<ReasonDto>, ValidationProblem>> CreateAsync(ReasonDto request, AnalyticsDbContext db, CancellationToken ct)
    {
        if (await ValidateAsync(request, db, ct) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        if (await db.Reasons.AnyAsync(r => r.Code == request.Code, ct))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [$"reason '{request.Code}' exists; use PUT to change it"] });
        var reason = new ContactReason { Code = request.Code, NameNl = request.NameNl, NameEn = request.NameEn ?? request.NameNl, Department = request.Department };
        Apply(request, reason);
        db.Reasons.Add(reason);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/reasons/{reason.Code}", reason.AsDto());
    }

    private static async Task<Results<Ok<ReasonDto>, NotFound, ValidationProblem>> UpdateAsync(string code, ReasonDto request, AnalyticsDbContext db, CancellationToken ct)
    {
        var reason = await db.Reasons.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (reason is null) return TypedResults.NotFound();
        if (await ValidateAsync(request with { Code = code }, db, ct) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        Apply(request, reason);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(reason.AsDto());
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(string code, AnalyticsDbContext db, CancellationToken ct)
    {
        var reason = await db.Reasons.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (reason is null) return TypedResults.NotFound();
        if (await db.Contacts.AnyAsync(c => c.ReasonId == reason.Id, ct) || await db.Reasons.AnyAsync(r => r.ParentCode == code, ct))
            return TypedResults.Problem(statusCode: 409, title: "Reason in use", detail: $"'{code}' is used by contacts or has child reasons; rename it instead.");
        db.Reasons.Remove(reason);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static void Apply(ReasonDto r, ContactReason e)
    {
        e.NameNl = r.NameNl; e.NameEn = r.NameEn ?? r.NameNl; e.ParentCode = r.ParentCode; e.Department = r.Department; e.Avoidable = r.Avoidable;
    }

    internal static async Task<Dictionary<string, string[]>> ValidateAsync(ReasonDto r, AnalyticsDbContext db, CancellationToken ct)
    {
        var e = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.Code) || r.Code.Length > 64) e["code"] = ["1 to 64 characters"];
        if (string.IsNullOrWhiteSpace(r.NameNl) || r.NameNl.Length > 200) e["nameNl"] = ["1 to 200 characters"];
        if (!Departments.Contains(r.Department)) e["department"] = [$"use one of {string.Join(", ", Departments)}"];
        if (r.ParentCode is not null && (r.ParentCode == r.Code || !await db.Reasons.AnyAsync(x => x.Code == r.ParentCode, ct)))
            e["parentCode"] = [$"'{r.ParentCode}' is not another existing reason"];
        return e;
    }
}

public sealed record ReasonDto(string Code, string NameNl, string? NameEn, string? ParentCode, string Department, bool Avoidable);

public sealed record ReasonTrendResponse(DateOnly From, DateOnly To, string Interval, IReadOnlyList<ReasonTrendPoint> Points);

public sealed record ParetoResponse(DateOnly From, DateOnly To, int TotalContacts, int Uncoded, IReadOnlyList<ParetoRow> Reasons);

/// <summary>A reason's row; counts null when suppressed (too few agents for the caller's role).</summary>
public sealed record ParetoRow(string Code, string NameNl, string NameEn, string Department, bool Avoidable, int? Contacts,
    double? SharePercent, double? CumulativePercent, int? PreviousContacts, bool Suppressed = false);

internal static class ReasonMapping
{
    public static ReasonDto AsDto(this ContactReason r) => new(r.Code, r.NameNl, r.NameEn, r.ParentCode, r.Department, r.Avoidable);
}
