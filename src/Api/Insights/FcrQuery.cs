using Analytics.Api.Metrics;
using Analytics.Insights.Repeats;
using Analytics.Metrics;
using Analytics.Time;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Insights;

/// <summary>
/// The query of <c>GET /insights/fcr</c>, bound once (<c>[AsParameters]</c>) and checked in one place, so the handler only
/// sees values it can use. The query names are spelled out so the OpenAPI document keeps them as they were.
/// </summary>
internal sealed record FcrQuery(
    [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "groupBy")] string? GroupBy, [FromQuery(Name = "interval")] string? Interval,
    [FromQuery(Name = "scope")] string? Scope, [FromQuery(Name = "window")] string? Window,
    [FromQuery(Name = "days")] int? Days, [FromQuery(Name = "asOf")] string? AsOf,
    [FromQuery(Name = "team")] string? Team, [FromQuery(Name = "agent")] string? Agent,
    [FromQuery(Name = "queue")] string? Queue, [FromQuery(Name = "channel")] string? Channel,
    [FromQuery(Name = "reason")] string? Reason, [FromQuery(Name = "language")] string? Language)
{
    /// <summary>The checked question, or null with <paramref name="errors"/> naming each parameter at fault.</summary>
    public FcrQuestion? Validate(bool publication, int maxPeriodDays, Dictionary<string, string[]> errors)
    {
        var period = QueryParsing.Period(From, To, errors);
        var groupBy = GroupBy ?? "none";
        if (!RepeatAnalysis.Groupings.ContainsKey(groupBy))
            errors["groupBy"] = [$"unknown groupBy '{groupBy}'; use one of: {string.Join(", ", RepeatAnalysis.Groupings.Keys)}"];
        // The same bound as interval=day: one answer stays a readable size.
        else if (groupBy == "day" && period is { Days: > 366 })
            errors["groupBy"] = ["at most 366 days per request with groupBy=day; use week or month for longer periods"];
        var interval = QueryParsing.Interval(Interval, period, errors);
        var filter = QueryParsing.ContactFilter(Team, Agent, Queue, Channel, Reason, Language, errors);
        var options = InsightsEndpoints.RepeatOptionsFrom(Scope, Window, Days, errors);
        var asOf = QueryParsing.Date(AsOf, "asOf", errors);
        // Only the default question, complete up to the latest contact, can come from the rollups.
        if (options != new RepeatOptions() || AsOf is not null) QueryParsing.RawScanLimit(period, maxPeriodDays, errors);
        if (publication) Publication.RequireGrain(period, interval, groupBy, errors);
        return errors.Count > 0 ? null : new FcrQuestion(period!.Value, groupBy, interval, filter, options!, asOf);
    }
}

internal sealed record FcrQuestion(Period Period, string GroupBy, string Interval, ContactFilter Filter, RepeatOptions Options,
    DateOnly? AsOf);
