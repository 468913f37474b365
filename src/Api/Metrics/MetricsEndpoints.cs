using Analytics.Api.Access;
using Analytics.Metrics;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Metrics;

internal static class MetricsEndpoints
{
    public static RouteGroupBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/metrics").WithTags("Metrics");
        group.MapGet("/{type:regex(^(nps|ces|csat)$)}", GetSurveyMetricAsync).AddEndpointFilter<AgentGroupingFilter>()
            .WithName("GetSurveyMetric")
            .WithSummary("NPS, CES or CSAT for a period, split by a dimension, with n and a 95% interval per group.");
        group.MapGet("/contacts", GetContactMetricAsync).AddEndpointFilter<AgentGroupingFilter>()
            .WithName("GetContactMetric")
            .WithSummary("Contact volumes, abandonment, average speed of answer, handle time and service level per group (and day, week or month), of the contacts the filters keep. The median handle time comes from 5 s bins (15 s above 10 min; within one bin of the exact median) when the question narrows at most one of channel, queue, agent or team, and reason; otherwise from the contacts themselves.");
        return group;
    }

    internal static async Task<Results<Ok<ContactMetricResponse>, ValidationProblem, ProblemHttpResult>> GetContactMetricAsync(
        string? from, string? to, string? groupBy, string? interval, int? serviceLevelSeconds, string? team, string? agent, string? queue,
        string? channel, string? reason, string? language, ContactMetrics metrics, PrivacyOptions privacy, Publication publication,
        HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        groupBy ??= "none";
        if (!ContactMetrics.Groupings.ContainsKey(groupBy))
            errors["groupBy"] = [$"unknown groupBy '{groupBy}'; use one of: {string.Join(", ", ContactMetrics.Groupings.Keys)}"];
        interval = QueryParsing.Interval(interval, period, errors);
        if (serviceLevelSeconds is < 1 or > 3600) errors["serviceLevelSeconds"] = ["between 1 and 3600"];
        var filter = QueryParsing.ContactFilter(team, agent, queue, channel, reason, language, errors);
        var suppress = !http.SeesAgentsHere();
        if (suppress) Publication.RequireGrain(period, interval, groupBy, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // Agent-level access (groupBy=agent, an agent filter) is checked and audited by AgentGroupingFilter.
        var sl = serviceLevelSeconds ?? 20;
        var rows = await http.RequestServices.GetRequiredService<Common.DataVersion>().CachedAsync(
            $"contacts:{groupBy}:{interval}:{period!.Value}:{sl}:{System.Text.Json.JsonSerializer.Serialize(filter)}",
            () => metrics.QueryAsync(period, groupBy, serviceLevelSeconds: sl, filter: filter, interval: interval, ct: ct), ct,
            http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Api:CacheSeconds", 300));
        // Roles without agent-level access only see groups with enough agents not to point at one person, and counts
        // perturbed so the hidden ones cannot be had by differencing.
        if (!suppress) return TypedResults.Ok(new ContactMetricResponse(period.Value.From, period.Value.To, groupBy,
            rows.Select(k => k.AsDto()).ToList(), interval));
        var key = await publication.KeyAsync(ct);
        // Counts do not depend on the service level asked: one cell whatever it is, or 3,600 asks would average the noise.
        const string metric = "contacts";
        return TypedResults.Ok(new ContactMetricResponse(period.Value.From, period.Value.To, groupBy,
            rows.Select(k => k.Agents < privacy.MinimumAgents ? k.Suppressed()
                : Publication.Perturb(k, key, Publication.Cell(metric, period.Value, filter, groupBy, k.Group, k.Period)).AsDto())
                .ToList(), interval));
    }

    internal static async Task<Results<Ok<SurveyMetricResponse>, ValidationProblem, ProblemHttpResult>> GetSurveyMetricAsync(
        string type, string? from, string? to, string? groupBy, string? interval, string? team, string? agent, string? reason, string? channel,
        string? queue, string? language, SurveyMetrics metrics, PrivacyOptions privacy, Publication publication, HttpContext http,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        groupBy ??= "none";
        if (!SurveyGroupings.Names.Contains(groupBy))
            errors["groupBy"] = [$"unknown groupBy '{groupBy}'; use one of: {string.Join(", ", SurveyGroupings.Names)}"];
        interval = QueryParsing.Interval(interval, period, errors);
        var f = QueryParsing.ContactFilter(team, agent, queue, channel, reason, language, errors);
        var suppress = !http.SeesAgentsHere();
        if (suppress) Publication.RequireGrain(period, interval, groupBy, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // Agent-level access (groupBy=agent, an agent filter) is checked and audited by AgentGroupingFilter.
        var filter = new SurveyFilter(period!.Value, f.Team, f.Agent, f.Reason, f.Channel, f.Queue, f.Language);
        var rows = await http.RequestServices.GetRequiredService<Common.DataVersion>().CachedAsync(
            $"survey:{type}:{groupBy}:{interval}:{System.Text.Json.JsonSerializer.Serialize(filter)}",
            () => metrics.QueryAsync(type, groupBy, filter, interval, ct), ct,
            http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Api:CacheSeconds", 300));
        // Roles without agent-level access only see groups large enough not to point at one person, and counts
        // perturbed so the hidden ones cannot be had by differencing.
        var key = suppress ? await publication.KeyAsync(ct) : null;
        return TypedResults.Ok(new SurveyMetricResponse(type, period.Value.From, period.Value.To, groupBy, interval, metrics.MinimumResponses,
            rows.Select(r => !suppress ? r.AsDto()
                : r.N < privacy.MinimumResponses || r.Agents < privacy.MinimumAgents ? r.Suppressed()
                : Publication.Perturb(r, key!, Publication.Cell(type, period.Value, f, groupBy, r.Group, r.Period), type).AsDto())
                .ToList()));
    }
}

public sealed record ContactMetricResponse(DateOnly From, DateOnly To, string GroupBy, IReadOnlyList<ContactGroupDto> Groups, string Interval = "none");

/// <summary>
/// One group's contact KPIs; figures are null when <see cref="Suppressed"/> (too few agents for the caller's role).
/// <see cref="Period"/> names the day (yyyy-MM-dd), week (its Monday) or month (yyyy-MM) when an interval was asked.
/// </summary>
public sealed record ContactGroupDto(string Group, int? Contacts, int? Served, int? Abandoned, double? AbandonmentRate, double? AbandonmentLow,
    double? AbandonmentHigh, double? AverageSpeedOfAnswerSeconds, double? AverageHandleTimeSeconds, double? MedianHandleTimeSeconds,
    double? ServiceLevel, int ServiceLevelSeconds, bool Suppressed = false, string? Period = null);

public sealed record SurveyMetricResponse(string Metric, DateOnly From, DateOnly To, string GroupBy, string Interval, int MinimumResponses,
    IReadOnlyList<SurveyGroupDto> Groups);

/// <summary>One group's figure; <see cref="Period"/> names the day (yyyy-MM-dd), week (its Monday) or month (yyyy-MM) when an interval was asked.</summary>
public sealed record SurveyGroupDto(string Group, string? Name, int? N, double? Value, double? Low, double? High,
    double? ShareAgreeing, int? Promoters, int? Passives, int? Detractors, bool TooFewResponses, bool Suppressed = false, string? Period = null);

/// <summary>k-anonymity thresholds for roles without agent-level access.</summary>
public sealed class PrivacyOptions
{
    public int MinimumAgents { get; set; } = 5;
    public int MinimumResponses { get; set; } = 10;
}

internal static class MetricDtoMapping
{
    public static ContactGroupDto AsDto(this ContactKpis k) => new(
        k.Group, k.Contacts, k.Served, k.Abandoned, Defined(k.AbandonmentRate.Value), Defined(k.AbandonmentRate.Low),
        Defined(k.AbandonmentRate.High), k.AverageSpeedOfAnswerSeconds, k.AverageHandleTimeSeconds,
        k.MedianHandleTimeSeconds, Defined(k.ServiceLevel.Value), k.ServiceLevelSeconds, Period: k.Period);

    public static ContactGroupDto Suppressed(this ContactKpis k) =>
        new(k.Group, null, null, null, null, null, null, null, null, null, null, k.ServiceLevelSeconds, Suppressed: true, Period: k.Period);

    public static SurveyGroupDto AsDto(this SurveyFigure f) => new(
        f.Group, f.Name, f.N, Defined(f.Score.Value), Defined(f.Score.Low), Defined(f.Score.High),
        f.Share is { } s ? Defined(s.Value) : null, f.Promoters, f.Passives, f.Detractors, f.TooFewResponses,
        Period: f.Period);

    public static SurveyGroupDto Suppressed(this SurveyFigure f) =>
        new(f.Group, f.Name, null, null, null, null, null, null, null, null, f.TooFewResponses, Suppressed: true, Period: f.Period);

    // Rounding happens as the answer is written (Common.NumberPolicy); here an undefined figure becomes null.
    private static double? Defined(double v) => double.IsNaN(v) ? null : v;
}

internal static class QueryParsing
{
    /// <summary>from/to as yyyy-MM-dd local days (inclusive); both default to the last full month.</summary>
    public static Period? Period(string? from, string? to, Dictionary<string, string[]> errors)
    {
        var fallback = Analytics.Time.Period.LastFullMonth(Amsterdam.Today());
        var f = ParseDate(from, "from", fallback.From, errors);
        var t = ParseDate(to, "to", fallback.To, errors);
        if (errors.Count > 0) return null;
        if (f > t) { errors["from"] = [$"from ({f:yyyy-MM-dd}) is after to ({t:yyyy-MM-dd})"]; return null; }
        if (t.DayNumber - f.DayNumber > 3660) { errors["to"] = ["the period may span at most 10 years"]; return null; }
        return new Period(f, t);
    }

    /// <summary>none (the default), day, week or month; per day at most 366 days, so one answer stays a readable size.</summary>
    public static string Interval(string? value, Analytics.Time.Period? period, Dictionary<string, string[]> errors)
    {
        var interval = value ?? "none";
        if (!Intervals.Names.Contains(interval))
            errors["interval"] = [$"unknown interval '{Truncate(interval)}'; use one of: {string.Join(", ", Intervals.Names)}"];
        else if (interval == "day" && period is { Days: > 366 })
            errors["interval"] = ["at most 366 days per request with interval=day; use week or month for longer periods"];
        return interval;
    }

    /// <summary>The contact filters of the contact KPIs and FCR; blank values mean no filter.</summary>
    public static ContactFilter ContactFilter(string? team, string? agent, string? queue, string? channel, string? reason, string? language,
        Dictionary<string, string[]> errors)
    {
        static string? Value(string? v) => string.IsNullOrWhiteSpace(v) ? null : v;
        if (Value(channel) is { } c && !Analytics.Contacts.Channels.All.Contains(c))
            errors["channel"] = [$"'{Truncate(c)}' is not a channel; use one of {string.Join(", ", Analytics.Contacts.Channels.All)}"];
        return new ContactFilter(Value(team), Value(agent), Value(queue), Value(channel), Value(reason), Language(language, errors));
    }

    /// <summary>An ISO 639-1 code or a language's name (nl, en, nl-BE, Nederlands, English); null when not asked.</summary>
    public static string? Language(string? value, Dictionary<string, string[]> errors)
    {
        if (Analytics.Contacts.Languages.TryNormalize(value, out var code)) return code;
        errors["language"] = [$"'{Truncate(value!)}' is not a language; use an ISO 639-1 code such as nl or en"];
        return null;
    }

    /// <summary>
    /// A yyyy-MM-dd day in 2000–2100, or null (with an error naming the parameter) when absent or not one. The bound
    /// keeps the calendar arithmetic behind every date parameter (previous periods, deadlines, +1 day) inside DateOnly.
    /// </summary>
    public static DateOnly? Date(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var d) && d.Year is >= MinYear and <= MaxYear) return d;
        errors[name] = [$"'{Truncate(value)}' is not a date as yyyy-MM-dd between {MinYear} and {MaxYear}"];
        return null;
    }

    /// <summary>
    /// Routes that scan contacts row by row (search, FCR off the rollups, drivers) take at most Api:MaxPeriodDays, so
    /// one request cannot hold a connection for minutes; the metrics answer from rollups and keep the 10-year bound.
    /// </summary>
    public static void RawScanLimit(Analytics.Time.Period? period, int maxDays, Dictionary<string, string[]> errors)
    {
        if (period is not { Days: var days } || days <= maxDays) return;
        string[] message = [$"at most {maxDays} days per request here (asked {days}); split the period"];
        errors["from"] = message;
        errors["to"] = message;
    }

    private const int MinYear = 2000, MaxYear = 2100;

    private static DateOnly ParseDate(string? value, string name, DateOnly fallback,
        Dictionary<string, string[]> errors) =>
        string.IsNullOrEmpty(value) ? fallback : Date(value, name, errors) ?? fallback;

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
